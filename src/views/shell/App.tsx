import { DataStatusPanel } from './DataStatus';
import { Notices } from './Notices';
import { Controls } from '../controls/Controls';
import { SettingsBar } from '../controls/SettingsBar';
import { SampleStrip } from '../samples/SampleStrip';
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
        </aside>
        <section className="panel network-panel" aria-label="The network">
          <SampleStrip />
        </section>
        <aside className="panel inspector" aria-label="Inspector" />
        <section className="panel bottom" aria-label="Charts" />
      </main>
    </div>
  );
}
