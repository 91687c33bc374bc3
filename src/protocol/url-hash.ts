/**
 * The settings (and the lesson step) mirrored in the URL hash, so a link restores them:
 * `#lr=0.05&batch=32&activation=sigmoid&loss=mse&lesson=3`. Every key comes from the
 * one settings table; a malformed or out-of-range value falls back to its default and
 * is reported, never thrown.
 */
import { DEFAULT_SETTINGS, SETTING_KEYS, SETTINGS, spokenValue, type Settings } from './settings';

export const LESSON_KEY = 'lesson';

export interface HashState {
  /** Settings named in the hash and valid; missing ones are absent. */
  settings: Partial<Settings>;
  /** Lesson step (0-based) when the hash opens the lesson. */
  lesson: number | null;
  /** One sentence per value that was ignored. */
  problems: string[];
}

/** A name or value of the hash, decoded; one that is not valid percent-encoding stays as typed (not U+FFFD, '�'). */
function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The hash's name=value pairs, in order (URLSearchParams turned a broken %-escape into '�' in the messages). */
function readPairs(hash: string): {
  get(name: string): string | null;
  getAll(name: string): string[];
  keys(): string[];
} {
  const pairs = hash
    .replace(/^#/, '')
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const at = part.indexOf('=');
      return at < 0 ? [decode(part), ''] : [decode(part.slice(0, at)), decode(part.slice(at + 1))];
    });
  const getAll = (name: string) => pairs.filter(([n]) => n === name).map(([, v]) => v);
  return { get: (name) => getAll(name)[0] ?? null, getAll, keys: () => pairs.map(([n]) => n) };
}

/**
 * Reads a location hash (with or without '#'); a bad value is reported as replaced by `fallback`'s,
 * which `settings` then holds (in a link to a lesson step, as replaced by the step's own, and left
 * out). With `fallback` null a bad value is left out, and reported as the defaults' (the opening
 * link's: the settings in use are known once a saved session is resumed, and it is said then).
 */
export function parseHash(
  hash: string,
  lessonSteps = Infinity,
  fallback: Settings | null = DEFAULT_SETTINGS,
): HashState {
  const params = readPairs(hash);
  const settings: Partial<Settings> = {};
  const problems: string[] = [];
  const known = new Set<string>([LESSON_KEY]);
  const step = params.get(LESSON_KEY);
  for (const key of SETTING_KEYS) {
    const name = SETTINGS[key].hash;
    known.add(name);
    const text = params.get(name);
    if (text === null) continue;
    if (params.getAll(name).length > 1)
      problems.push(
        `The link names ${SETTINGS[key].label} (${name}=) more than once; using the first, "${clip(text)}".`,
      );
    const value = SETTINGS[key].parse(text);
    if (value === undefined) {
      // a lesson link's step sets the lecture's network itself: the fallback is not what is used
      const kept =
        step !== null ? 'the lesson sets its own' : `using ${spokenValue(key, (fallback ?? DEFAULT_SETTINGS)[key])}`;
      problems.push(
        `The link's ${SETTINGS[key].label} "${clip(text)}" is not valid (use ${SETTINGS[key].allowed}); ${kept}.`,
      );
      // what the sentence says is used, asked for: over a resumed session the bad value left that
      // session's own in place ("using 0.02" beside the saved α = 2; a review)
      if (step === null && fallback) (settings as Record<string, unknown>)[key] = fallback[key];
    } else {
      (settings as Record<string, unknown>)[key] = value;
    }
  }
  let lesson: number | null = null;
  if (step !== null) {
    if (params.getAll(LESSON_KEY).length > 1)
      problems.push(
        `The link names the lesson step (${LESSON_KEY}=) more than once; using the first, "${clip(step)}".`,
      );
    // digits only, as the settings read numbers: Number() also took "0x3" and "1e1"
    const n = /^\d+$/.test(step.trim()) ? Number(step) : NaN;
    if (Number.isInteger(n) && n >= 1 && n <= lessonSteps) lesson = n - 1;
    else problems.push(`The link's lesson step "${clip(step)}" does not exist; starting at step 1.`);
    lesson ??= 0;
  }
  for (const name of params.keys()) {
    if (!known.has(name)) problems.push(`The link's "${clip(name)}" is not a setting; ignored.`);
  }
  return { settings, lesson, problems };
}

/** The hash for these settings: only values that differ from the defaults, so links stay short. */
export function formatHash(settings: Settings, lesson: number | null = null): string {
  const params = new URLSearchParams();
  for (const key of SETTING_KEYS) {
    const format = SETTINGS[key].format as (v: Settings[typeof key]) => string;
    const text = format(settings[key]);
    if (text !== format(DEFAULT_SETTINGS[key])) params.set(SETTINGS[key].hash, text);
  }
  if (lesson !== null) params.set(LESSON_KEY, String(lesson + 1));
  const text = params.toString();
  return text ? `#${text}` : '';
}

function clip(text: string): string {
  return text.length > 24 ? `${text.slice(0, 24)}…` : text;
}

/** Most of a link's problems one notice lists: 300 made one 13,000-character notice that filled the screen. */
export const MAX_LINK_PROBLEMS = 5;

/** A link's problems as one notice's text: each said once, the first few, then how many more. */
export function describeProblems(problems: readonly string[]): string {
  const unique = [...new Set(problems)];
  const shown = unique.slice(0, MAX_LINK_PROBLEMS).join(' ');
  const more = unique.length - MAX_LINK_PROBLEMS;
  return more > 0 ? `${shown} …and ${more} more problem${more === 1 ? '' : 's'} with this link.` : shown;
}
