import { DataStatusPanel } from './DataStatus';
import { Notices } from './Notices';
import { Tabs } from './Tabs';
import { Controls } from '../controls/Controls';
import { SettingsBar } from '../controls/SettingsBar';
import { SampleStrip } from '../samples/SampleStrip';
import { NetworkView } from '../network/NetworkView';
import { NudgesPanel } from '../inspector/NudgesPanel';
import { ChainRulePanel } from '../inspector/ChainRulePanel';
import { ActivationPanel } from '../inspector/ActivationPanel';
import { BatchTable } from '../batch-table/BatchTable';
import { CurrentExample } from '../samples/CurrentExample';
import { ChartsPanel } from '../charts/ChartsPanel';
import { SurfacePanel } from '../surface/SurfacePanel';
import { DrawPanel } from '../draw-pad/DrawPanel';
import { useLab } from '../../store/lab-store';

export function App() {
  const ready = useLab((s) => s.data.kind === 'ready' && s.snapshot !== null);
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          Backprop Lab <span className="tagline">watch a real network learn to read digits</span>
        </h1>
        <SettingsBar />
      </header>
      <Notices />
      <DataStatusPanel />
      <main className="layout" aria-busy={!ready}>
        <aside className="panel controls-panel" aria-label="Training controls">
          <Controls />
          <CurrentExample />
          <DrawPanel />
        </aside>
        <section className="panel network-panel" aria-label="The network">
          <p className="hint">
            784 pixels → 16 → 16 → 10 outputs. Edges are weights: blue positive, orange negative, thicker is larger.
            Brightness is activation. Click a neuron or an edge.
          </p>
          <NetworkView />
          <SampleStrip />
        </section>
        <aside className="panel inspector" aria-label="Inspector">
          <Tabs
            label="Inspector"
            tabs={[
              { id: 'nudges', label: 'Nudges', render: () => <NudgesPanel /> },
              { id: 'chain-rule', label: 'Chain rule', render: () => <ChainRulePanel /> },
              { id: 'activation', label: 'Activation f', render: () => <ActivationPanel /> },
            ]}
          />
        </aside>
        <section className="panel bottom" aria-label="Charts and tables">
          <Tabs
            label="Charts and tables"
            tabs={[
              { id: 'charts', label: 'Cost & accuracy', render: () => <ChartsPanel /> },
              { id: 'batch', label: 'Weight-matrix update', render: () => <BatchTable /> },
              { id: 'surface', label: 'Cost surface', render: () => <SurfacePanel /> },
            ]}
          />
        </section>
      </main>
    </div>
  );
}
