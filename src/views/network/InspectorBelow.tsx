/**
 * Where the panels stack (tablets, phones), the inspector is far below the network: a tapped
 * neuron or edge changed it off screen, with nothing in view but a ring. This says where the
 * answer went, with a button that scrolls to it, until the inspector is on screen or a while
 * has passed.
 */
import { useEffect, useState } from 'react';
import { useLab } from '../../store/lab-store';
import { INSPECTOR_TAB_LABELS, type InspectorTab } from '../inspector/tab-labels';
import { scrollBehavior } from '../motion';

const SHOW_MS = 8000;

function inspector(): HTMLElement | null {
  return document.querySelector<HTMLElement>('.inspector');
}

/** The inspector's top is below the screen (it is not beside the network). */
function inspectorBelow(): boolean {
  const el = inspector();
  return el !== null && el.getBoundingClientRect().top > window.innerHeight - 40;
}

export function InspectorBelow() {
  const neuron = useLab((s) => s.selectedNeuron);
  const weight = useLab((s) => s.selectedWeight);
  // named by its tab's label: no heading on the page says "Inspector"
  const open = useLab((s) => s.tabs.inspector);
  const tab =
    open && open in INSPECTOR_TAB_LABELS ? INSPECTOR_TAB_LABELS[open as InspectorTab] : INSPECTOR_TAB_LABELS.nudges;
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if ((neuron === null && weight === null) || !inspectorBelow()) {
      setShown(false);
      return;
    }
    setShown(true);
    const hide = () => !inspectorBelow() && setShown(false);
    const timer = setTimeout(() => setShown(false), SHOW_MS);
    window.addEventListener('scroll', hide, { passive: true });
    return () => {
      clearTimeout(timer);
      window.removeEventListener('scroll', hide);
    };
  }, [neuron, weight]);
  if (!shown) return null;
  return (
    <button
      type="button"
      className="inspector-below"
      data-testid="inspector-below"
      onClick={() => {
        inspector()?.scrollIntoView({ behavior: scrollBehavior(), block: 'start' });
        setShown(false);
      }}
    >
      {/* named by its tab: "the Inspector below" named a heading no one sees (a student's review on a phone) */}
      {weight ? 'This weight' : 'This neuron'} is explained below, on the {tab} tab ↓
    </button>
  );
}
