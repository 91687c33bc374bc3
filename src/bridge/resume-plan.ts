/**
 * What a saved session resumed under an opening link comes to: which lesson step opens, what the
 * link still asks beyond the session, the settings then applied, and what the student is told.
 * Pure: the trainer bridge carries it out.
 */
import { changedSettings, describeSettings, resetsNetwork, withoutRebuilds, type Settings } from '../protocol/settings';
import { count } from '../protocol/numbers';

export interface ResumeInput {
  /** The settings the opening link asked for ({} for a plain address). */
  linkSettings: Partial<Settings>;
  /** The lesson step the link opens, or null (free play, or no step in the link). */
  linkLesson: number | null;
  /** The lesson step open when the session was saved, or null. */
  savedLesson: number | null;
  /** The resumed network's update count and settings. */
  resumed: { step: number; settings: Settings };
}

export interface ResumePlan {
  /** The lesson step to open, or null for free play. */
  lesson: number | null;
  /** What the link asks beyond the session: the lesson speaks of these as the link's. */
  asked: Partial<Settings>;
  /** The settings to apply over the resumed network ({} for none). */
  patch: Partial<Settings>;
  /** The patch rebuilds a trained network: these words, with an Undo (the saved one stays saved). */
  replaced: string | null;
  /** Otherwise, for a trained network: the welcome back. */
  welcome: string | null;
}

export function planResume({ linkSettings, linkLesson, savedLesson, resumed }: ResumeInput): ResumePlan {
  // a link with settings and no lesson step is a free-play link: over a session saved in the
  // lesson, the lesson's step reopened and set its own network over the link's (a review)
  const freePlayLink = linkLesson === null && Object.keys(linkSettings).length > 0;
  const lesson = linkLesson ?? (freePlayLink ? null : savedLesson);
  // what the link asks beyond the session it resumes: a reload of the address the app wrote
  // (step 9's lr=20) asked for nothing, and the lesson said "The link set learning rate to 20"
  const asked = changedSettings(linkSettings, resumed.settings);
  // a lesson link: the lesson sets the lecture's network itself, and asks first before it replaces
  // a trained one; a rebuild here replaced it before the question, which then said "trained for 0
  // updates"
  const patch = linkLesson === null ? asked : withoutRebuilds(asked, resumed.settings);
  const trained = resumed.step > 0;
  const rebuilds = trained && resetsNetwork(patch, resumed.settings);
  return {
    lesson,
    asked,
    patch,
    replaced: rebuilds
      ? `Welcome back. The link asked for ${describeSettings(patch)}: a new network replaced your saved one ` +
        `(update ${count(resumed.step)}), which stays saved until you train or change this one: Undo brings it back.`
      : null,
    welcome:
      trained && !rebuilds
        ? `Welcome back: resumed your session at update ${count(resumed.step)} (its last auto-save).`
        : null,
  };
}
