import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './views/shell/App';
import { trainer } from './bridge/trainer-bridge';
import { useLab } from './store/lab-store';
import { startUrlSync } from './bridge/url-sync';
import { LESSON } from './views/lesson/steps';
import { openLessonStep, stepSettings } from './views/lesson/open-step';
import { guardAgainstTranslators, translatorMoves } from './views/shell/translator-guard';
import './styles.css';

declare global {
  interface Window {
    /** For e2e tests and curious students: the store and the bridge. */
    __lab?: { store: typeof useLab; trainer: typeof trainer; translatorMoves: typeof translatorMoves };
  }
}
window.__lab = { store: useLab, trainer, translatorMoves };

// a lesson step typed into the address opens as if from outside: it asks before rebuilding a trained network
startUrlSync(trainer, LESSON.length, (step) => void openLessonStep(step, false, true));
// a link into the lesson with no saved session starts on the step's network, not the defaults'
const linked = useLab.getState().lesson;
if (linked !== null) trainer.setLessonStart(stepSettings(linked));

// a student who scrolled, drew or typed while the digits loaded (a minute on a slow line) is not
// pulled back to the lesson's card when they arrive (a phone's draw pad went 2,886 px off screen)
let busyMeanwhile = false;
const INPUTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
const noteBusy = () => void (busyMeanwhile = true);
for (const type of INPUTS) window.addEventListener(type, noteBusy, { capture: true, passive: true });

void trainer
  .start()
  .then(() => {
    for (const type of INPUTS) window.removeEventListener(type, noteBusy, { capture: true });
    // a link (or the saved session) that opens the lesson sets that step's views and settings
    const lesson = useLab.getState().lesson;
    if (lesson !== null) return openLessonStep(lesson, false, true, busyMeanwhile);
  })
  .catch(() => {
    /* shown by the data panel, which offers a retry */
  });

guardAgainstTranslators();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
