/**
 * Whole sets of settings a teacher switches between in free play: the lecture's network
 * (sigmoid, squared error, plain SGD) and the app's defaults. A preset that rebuilds a trained
 * network offers Undo (with the replaced network's settings), as New session does.
 */
import { trainer } from '../../bridge/trainer-bridge';
import { PRESETS, changedSettings, describeSettings, type Settings } from '../../protocol/settings';
import { useLab } from '../../store/lab-store';

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
