/**
 * Saving and sharing: export the model as JSON, import one (validated; a bad file is
 * refused with the reason and nothing changes), start a new session, and the autosave
 * status.
 */
import { useRef } from 'react';
import { trainer } from '../../bridge/trainer-bridge';
import { ModelError } from '../../data/pretrained';
import { modelToJson, parseModelFile } from '../../protocol/model-file';
import { LOSS_NAMES } from '../../protocol/settings';
import { notify, useLab } from '../../store/lab-store';
import { count } from '../controls/format';
import { NOT_BUILT } from '../controls/StepButton';
import { download } from './download';

/** Larger files are refused before reading: a 64-64-64-64 network's JSON is ~2 MB. */
const MAX_MODEL_BYTES = 20 * 1024 * 1024;

export async function importModelFile(file: File): Promise<boolean> {
  if (file.size > MAX_MODEL_BYTES) {
    notify('error', `${file.name}: ${(file.size / 1e6).toFixed(0)} MB is too large for a model file; nothing changed.`);
    return false;
  }
  let model;
  try {
    model = parseModelFile(await file.text(), file.name);
  } catch (e) {
    // anything but a ModelError is the reader's own fault, still said with the file's name
    const why =
      e instanceof ModelError
        ? `${e.file}: ${e.problem}`
        : `${file.name}: reading it failed unexpectedly (${e instanceof Error ? e.message : String(e)})`;
    notify('error', `Could not open ${why}. Your network is unchanged.`);
    return false;
  }
  const opened =
    `Opened ${file.name}: a ${model.spec.sizes.join('-')} network with ${model.spec.activation} hidden layers and ` +
    `${LOSS_NAMES[model.spec.loss]}, at update ${count(model.step)}.` +
    // the file holds the network and its settings, not the run: said, not discovered
    (model.step > 0
      ? ' Its cost history and its place in an epoch are not in the file: training goes on from the start of an epoch.'
      : '');
  // a trained network it replaced can come back
  const replaced = await trainer.withUndo(
    () => trainer.importModel(model),
    (update) => `${opened} It replaced yours (update ${update}).`,
  );
  if (replaced === null) {
    notify(
      'error',
      `Could not open ${file.name}: the training engine is not running (see above). Your network is unchanged.`,
    );
    return false;
  }
  if (replaced === 0) notify('info', opened);
  return true;
}

export function SessionMenu() {
  const input = useRef<HTMLInputElement>(null);
  const saved = useLab((s) => s.saved);
  const ready = useLab((s) => s.snapshot !== null);

  const exportModel = async () => {
    const model = await trainer.exportModel();
    if (!model) return;
    const blob = new Blob([modelToJson(model)], { type: 'application/json' });
    download(blob, `backprop-lab-model-update-${model.step}.json`);
  };

  return (
    <div className="session-menu" role="group" aria-label="Session">
      {/* on a phone the second words go (.label-rest), so the three fit one row beside Presets; the names stay */}
      <button
        type="button"
        data-testid="export-model"
        disabled={!ready}
        title={ready ? undefined : NOT_BUILT}
        onClick={() => void exportModel()}
        aria-label="Save model"
      >
        Save<span className="label-rest"> model</span>
      </button>
      <button
        type="button"
        data-testid="import-model"
        disabled={!ready}
        title={ready ? undefined : NOT_BUILT}
        onClick={() => input.current?.click()}
        aria-label="Open model: a saved model file"
      >
        Open<span className="label-rest"> model</span>
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importModelFile(file);
        }}
      />
      <button
        type="button"
        data-testid="new-session"
        disabled={!ready}
        onClick={() => void trainer.newSession()}
        title={ready ? 'Default settings and a fresh network; a trained one can be brought back with Undo' : NOT_BUILT}
        aria-label="New session"
      >
        New<span className="label-rest"> session</span>
      </button>
      <span className="saved-status" data-testid="saved-status" title="Your session is kept in this browser">
        {saved ? `saved at update ${saved.step}` : 'not saved yet'}
      </span>
    </div>
  );
}
