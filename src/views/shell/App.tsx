import { DataStatusPanel } from './DataStatus';
import { PanelBoundary } from './PanelBoundary';
import { Notices } from './Notices';
import { Tabs } from './Tabs';
import { Controls } from '../controls/Controls';
import { TrainingAnnouncer } from '../controls/TrainingAnnouncer';
import { SettingsBar } from '../controls/SettingsBar';
import { SampleStrip } from '../samples/SampleStrip';
import { NetworkView } from '../network/NetworkView';
import { NudgesPanel } from '../inspector/NudgesPanel';
import { ChainRulePanel } from '../inspector/ChainRulePanel';
import { ActivationPanel } from '../inspector/ActivationPanel';
import { INSPECTOR_TAB_LABELS } from '../inspector/tab-labels';
import { goToBottomPanel, scrollBehavior } from '../motion';
import { BatchTable } from '../batch-table/BatchTable';
import { CurrentExample } from '../samples/CurrentExample';
import { ChartsPanel } from '../charts/ChartsPanel';
import { SurfacePanel } from '../surface/SurfacePanel';
import { DrawPanel } from '../draw-pad/DrawPanel';
import { useLab } from '../../store/lab-store';
import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { LessonPanel } from '../lesson/LessonPanel';
import { Presets } from '../controls/Presets';
import { closeLesson, openLessonStep } from '../lesson/open-step';
import { HelpOverlay } from './HelpOverlay';
import { probeDrawn } from '../network/displayed';
import { ProbeNote } from '../inspector/ProbeNote';
import { SavePng } from './SavePng';
import { SessionMenu } from './SessionMenu';
import { handleShortcut } from './shortcuts';
import { useHeightVar } from './use-height-var';
import { LARGE_SCREEN, TOUCH, useMedia } from '../use-media';
import { panelOrder, STACKED } from './panel-order';
import { useMovingNode } from './moving-node';
import type { Activation } from '../../engine';

/** Past this many neurons a layer, the edges between layers blur into a haze. */
const DENSE_LAYER = 32;

/** How the network view's neuron brightness reads, per hidden activation (render/network-nodes' `brightness`). */
const BRIGHTNESS: Record<Activation, string> = {
  sigmoid: '0 black, 1 white',
  tanh: 'hidden −1 black, 0 grey, 1 white; outputs 0 black, 1 white',
  relu: 'hidden 0 black, white at max(1, layer’s largest); outputs 0 black, 1 white',
};

/** An inspector tab, under the note that says which example it explains while a drawing is shown. */
function explaining(panel: ReactNode) {
  return (
    <>
      <ProbeNote />
      {panel}
    </>
  );
}

function ModeSwitch() {
  const lesson = useLab((s) => s.lesson);
  return (
    <>
      <div className="mode-switch" role="group" aria-label="Mode">
        <button
          type="button"
          data-testid="mode-lesson"
          aria-pressed={lesson !== null}
          onClick={() => void openLessonStep(lesson ?? 0)}
        >
          Lesson
        </button>
        <button type="button" data-testid="mode-free" aria-pressed={lesson === null} onClick={closeLesson}>
          Free play
        </button>
      </div>
      {/* in free play: the lecture's network or the defaults at once (the lesson sets its own) */}
      {lesson === null && <Presets />}
    </>
  );
}

export function App() {
  const ready = useLab((s) => s.data.kind === 'ready' && s.snapshot !== null);
  const hidden = useLab((s) => s.settings.hiddenLayers);
  // the activation lit: a drawing on the pretrained network (ReLU) is drawn with its brightness,
  // whatever the settings' (the lesson's sigmoid caption read "0 black, 1 white" over it)
  const activation = useLab((s) => (probeDrawn(s) ? s.probe!.spec.activation : s.settings.activation));
  const inLesson = useLab((s) => s.lesson !== null);
  // a touch screen's word (the lesson's steps say "tap" there too)
  const tapOrClick = useMedia(TOUCH) ? 'Tap' : 'Click';
  const large = useMedia(LARGE_SCREEN);
  // the panels in the DOM in the order the eye reads them, so Tab follows it (the grid places them)
  const stacked = useMedia(STACKED);
  const networkPanel = useRef<HTMLElement>(null);
  const inspectorPanel = useRef<HTMLElement>(null);
  const bottomPanel = useRef<HTMLElement>(null);
  const header = useRef<HTMLElement>(null);
  // the top row fits the screen below the header, which wraps on narrow screens
  useHeightVar(header, '--header-height');
  useEffect(() => {
    window.addEventListener('keydown', handleShortcut);
    return () => window.removeEventListener('keydown', handleShortcut);
  }, []);
  // The draw pad lives in one node that moves (its drawing and canvases kept): side by side at the
  // foot of the controls, which scroll with it; stacked, in a panel of its own after the
  // inspector, where the grid shows it, so that Tab reaches it in the order the eye does.
  const draw = useMovingNode('draw-holder');
  const controlsPart = (
    <aside key="controls" className="panel controls-panel" aria-label="Training controls">
      {/* headings for screen readers' heading navigation; the panels' look names them already */}
      <h2 className="visually-hidden">Training controls</h2>
      <PanelBoundary name="controls">
        <div className="controls-main">
          <Controls />
          <TrainingAnnouncer />
          <CurrentExample />
        </div>
        {/* as wide as the large screen's controls column (274 px inside it) */}
        {createPortal(<DrawPanel padSize={large ? 274 : undefined} />, draw.node)}
        {!stacked && <div className="draw-slot-side" ref={draw.place} />}
      </PanelBoundary>
    </aside>
  );
  const drawPart = <div key="draw" className="panel draw-slot" ref={draw.place} />;
  const networkPart = (
    <section key="network" ref={networkPanel} className="panel network-panel" aria-label="The network">
      <SavePng target={networkPanel} name="network" />
      <h2 className="visually-hidden">The network</h2>
      <p className="hint network-hint" data-testid="network-hint">
        {/* keyed by what it says: new words are new nodes, which a page translator translates afresh */}
        <span className="hint-long" key={`${hidden.join('-')}:${activation}:${tapOrClick}`}>
          784 pixels → {hidden.map((n) => `${n} → `).join('')}10 outputs. Edges are weights: blue positive, orange
          negative (dashed on a picked neuron), thicker is larger
          {/* 64 a layer: 3 px neurons and a haze of edges, which the words called readable one by one (a review) */}
          {Math.max(...hidden) > DENSE_LAYER
            ? ` (at ${Math.max(...hidden)} a layer they blur together: pick a neuron to see its own)`
            : ''}
          . Brightness is activation ({BRIGHTNESS[activation]}); the digit in a dark tag is the network’s answer and the
          dark bar is the true digit’s. {tapOrClick} a neuron or an edge.
        </span>
        {/* a short screen in the lesson (a projector at 125%): the card explains, the network needs the room */}
        <span className="hint-short" key={`short:${tapOrClick}`}>
          Edges: blue positive, orange negative weights. Brightness: activation; dark tag: the answer. {tapOrClick} a
          neuron or an edge.
        </span>
      </p>
      <PanelBoundary name="network view">
        <NetworkView />
        <SampleStrip />
      </PanelBoundary>
    </section>
  );
  const inspectorPart = (
    <aside key="inspector" ref={inspectorPanel} className="panel inspector" aria-label="Inspector">
      <SavePng target={inspectorPanel} name="inspector" />
      {/* stacked, the network is 1,000 px above: a neuron picked there and read here was a long
          scroll each way (a review on a phone); shown only there (styles.css) */}
      <button
        type="button"
        className="link back-to-network"
        data-testid="back-to-network"
        onClick={() =>
          document
            .querySelector('[data-testid="network-view"]')
            ?.scrollIntoView({ behavior: scrollBehavior(), block: 'center' })
        }
      >
        ↑ back to the network, to pick another
      </button>
      <h2 className="visually-hidden">Inspector: the selected neuron</h2>
      <PanelBoundary name="inspector">
        <Tabs
          label="Inspector"
          group="inspector"
          tabs={[
            { id: 'nudges', label: INSPECTOR_TAB_LABELS.nudges, render: () => explaining(<NudgesPanel />) },
            {
              id: 'chain-rule',
              label: INSPECTOR_TAB_LABELS['chain-rule'],
              render: () => explaining(<ChainRulePanel />),
            },
            {
              id: 'activation',
              label: INSPECTOR_TAB_LABELS.activation,
              render: () => explaining(<ActivationPanel />),
            },
          ]}
        />
      </PanelBoundary>
    </aside>
  );
  const bottomPart = (
    <section
      key="bottom"
      ref={bottomPanel}
      className="panel bottom"
      aria-label="Charts and tables"
      data-testid="bottom-panel"
    >
      <SavePng target={bottomPanel} name="charts" />
      <h2 className="visually-hidden">Charts and tables</h2>
      <PanelBoundary name="charts and tables">
        <Tabs
          label="Charts and tables"
          group="bottom"
          tabs={[
            { id: 'charts', label: 'Cost & accuracy', render: () => <ChartsPanel /> },
            { id: 'batch', label: 'Weight-matrix update', render: () => <BatchTable /> },
            { id: 'surface', label: 'Cost surface', render: () => <SurfacePanel /> },
          ]}
        />
      </PanelBoundary>
    </section>
  );
  return (
    <div className="app" data-lesson={inLesson || undefined}>
      {/* the first Tab stop, shown only when focused: past the header's ~28 controls to the network
          (a button, not a #link: the address's fragment holds the settings) */}
      <button
        type="button"
        className="skip-link"
        data-testid="skip-to-network"
        onClick={() => document.querySelector<HTMLElement>('[data-testid=network-canvas]')?.focus()}
      >
        Skip to the network
      </button>
      {/* more ways past the page's ~45 Tab stops to its other two parts (a keyboard review) */}
      <button
        type="button"
        className="skip-link"
        data-testid="skip-to-inspector"
        onClick={() => inspectorPanel.current?.querySelector<HTMLElement>('[role=tab][aria-selected=true]')?.focus()}
      >
        Skip to the inspector
      </button>
      <button type="button" className="skip-link" data-testid="skip-to-charts" onClick={goToBottomPanel}>
        Skip to the charts and tables
      </button>
      <header ref={header} className="app-header">
        <h1>
          Backprop Lab <span className="tagline">watch a real network learn to read digits</span>
        </h1>
        <ModeSwitch />
        {/* one group, so a narrow header wraps the menu and the ? together */}
        <div className="header-end">
          <SessionMenu />
          <button
            type="button"
            className="help-button"
            data-testid="help"
            aria-label="Help and keyboard shortcuts"
            title="Help and keyboard shortcuts (?)"
            onClick={() => useLab.setState((st) => ({ helpOpen: !st.helpOpen }))}
          >
            ?
          </button>
        </div>
        {/* second row (flex-basis 100%); after the first row's controls in the DOM, so Tab follows the eye */}
        <SettingsBar />
      </header>
      <Notices />
      <DataStatusPanel />
      <LessonPanel />
      <HelpOverlay />
      <main className="layout" aria-busy={!ready}>
        {panelOrder(stacked, inLesson).map(
          (id) =>
            ({
              controls: controlsPart,
              network: networkPart,
              inspector: inspectorPart,
              draw: drawPart,
              bottom: bottomPart,
            })[id],
        )}
      </main>
    </div>
  );
}
