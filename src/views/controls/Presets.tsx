/**
 * Whole sets of settings a teacher switches between in free play: the lecture's network
 * (sigmoid, squared error, plain SGD) and the app's defaults. A preset that rebuilds a trained
 * network offers Undo (with the replaced network's settings), as New session does.
 */
import { trainer } from '../../bridge/trainer-bridge';
import {
  DEFAULT_SETTINGS,
  LECTURE_PATCH,
  changedSettings,
  describeSettings,
  type Settings,
} from '../../protocol/settings';
import { useLab } from '../../store/lab-store';

/** DEFAULT_SETTINGS without the seed and the speed, which a preset leaves as they are. */
function trainingDefaults(): Partial<Settings> {
  const rest: Partial<Settings> = { ...DEFAULT_SETTINGS };
  delete rest.seed;
  delete rest.speed;
  return rest;
}

export const PRESETS: { name: string; settings: Partial<Settings> }[] = [
  { name: 'the lecture’s network: σ, (a − y)², batch 16, α₀ 2, no momentum', settings: LECTURE_PATCH },
  { name: 'the defaults: ReLU, cross-entropy, batch 32, α₀ 0.02, momentum 0.9', settings: trainingDefaults() },
];

export async function applyPreset(settings: Partial<Settings>): Promise<void> {
  const state = useLab.getState();
  const patch = changedSettings(settings, state.settings);
  if (Object.keys(patch).length === 0) return;
  if (state.snapshot?.playing) await trainer.pause();
  await trainer.setSettingsWithUndo(
    patch,
    (update) =>
      `Set ${describeSettings(patch)}: a new network. Yours (update ${update}) was set aside until you train this one.`,
  );
}

export function Presets() {
  const ready = useLab((s) => s.snapshot !== null);
  return (
    <select
      className="presets"
      data-testid="preset"
      aria-label="Presets: set all the training settings at once"
      title="Set all the training settings at once"
      disabled={!ready}
      value=""
      onChange={(e) => {
        const preset = PRESETS.find((p) => p.name === e.target.value);
        if (preset) void applyPreset(preset.settings);
      }}
    >
      <option value="" disabled>
        Presets…
      </option>
      {PRESETS.map((p) => (
        <option key={p.name} value={p.name}>
          {p.name}
        </option>
      ))}
    </select>
  );
}
