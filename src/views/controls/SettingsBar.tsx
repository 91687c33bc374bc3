import { useEffect, useRef, useState } from 'react';
import { Live } from '../live';
import { trainer } from '../../bridge/trainer-bridge';
import {
  ACTIVATIONS,
  LOSSES,
  LOSS_NAMES,
  SCHEDULES,
  SETTINGS,
  changedSettings,
  describeSettings,
  resetsNetwork,
  spokenValue,
  type Settings,
} from '../../protocol/settings';
import { dismissAction, useLab } from '../../store/lab-store';
import { DraftSelect } from './DraftSelect';
import { setAsideNotice } from './Presets';
import { KEEP_START, noteDecayedRate } from './rate-note';
import { count } from './format';
import { TrainingNotices } from './TrainingNotices';

type Field = Exclude<keyof Settings, 'speed' | 'seed'>;

/** The widest a settings field grows to show its value ("64-64-64-64" is 11; a longer α₀ scrolls in its field). */
const MAX_FIELD_CHARS = 12;

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The settings in one line, for the folded bar on a phone: "16-16 relu · cross-entropy · α₀ 0.02 · batch 32". */
function settingsSummary(s: Settings): string {
  const loss = s.loss === 'mse' ? 'squared error' : s.loss === 'binary-ce' ? 'binary CE' : 'cross-entropy';
  return `${s.hiddenLayers.join('-')} ${s.activation} · ${loss} · α₀ ${s.learningRate} · batch ${count(s.batchSize)}`;
}

/** The step schedule's period when it is chosen with the period still 1 (every 1 epoch is the exponential schedule). */
const STEP_EVERY_CHOSEN = 3;

/**
 * The settings a schedule chosen from the menu asks for. "step" with a period of 1 epoch is the
 * exponential schedule, drawn the same (a review: a student switching between them saw no
 * difference), so choosing it sets the period to STEP_EVERY_CHOSEN epochs.
 */
function scheduleChange(schedule: Settings['schedule'], settings: Settings): Partial<Settings> {
  return schedule === 'step' && settings.decayEvery === 1 ? { schedule, decayEvery: STEP_EVERY_CHOSEN } : { schedule };
}

/** The settings row in the header; changes that rebuild the network ask first. */
export function SettingsBar() {
  const settings = useLab((s) => s.settings);
  const step = useLab((s) => s.snapshot?.step ?? 0);
  // the count the controls show (at the panels' pace while playing), for the question to agree with it
  const shownStep = useLab((s) => s.panelSnapshot?.step ?? 0);
  const [pending, setPending] = useState<Partial<Settings> | null>(null);
  const [drafts, setDrafts] = useState<Partial<Record<Field, string>>>({});
  /** A refused value: its field (marked invalid, described by the message) and the message. */
  const [refusal, setRefusal] = useState<{ key: Field; message: string } | null>(null);
  /** The fields unfolded (only folded on a phone). */
  const [fieldsOpen, setFieldsOpen] = useState(false);
  const keepTraining = useRef<HTMLButtonElement>(null);
  // settings changed from elsewhere (a preset, New session, Undo, the lesson, the address): a
  // question or a half-typed value about the old ones no longer applies (Start over put the
  // asked-for tanh on top of a preset)
  const settingsKey = JSON.stringify({ ...settings, speed: null });
  /** A change this bar applied itself while a question waits (α₀): not one from elsewhere. */
  const ownChange = useRef(false);
  useEffect(() => {
    if (ownChange.current) {
      ownChange.current = false;
      return;
    }
    setPending(null);
    setDrafts({});
    // a refusal's "Kept 0.1" is no longer true once the settings changed (a preset, the lesson, a
    // field the schedule took away)
    setRefusal(null);
  }, [settingsKey]);
  /** The field whose change asked the question: the focus goes back to it once answered. */
  const askedFrom = useRef<HTMLElement | null>(null);
  const answered = () => {
    setPending(null);
    askedFrom.current?.focus();
  };
  // a change that rebuilds the network asks first: the keyboard's focus goes to the question's
  // safe answer, after this key press is over (an Enter that committed a field would otherwise
  // also press the button it lands on, and rebuild without asking)
  useEffect(() => {
    if (!pending) return;
    const t = setTimeout(() => keepTraining.current?.focus(), 0);
    return () => clearTimeout(t);
  }, [pending]);

  /** `from`: the field that asks (a text field commits on blur, when the focus is already on the page). */
  const propose = (wanted: Partial<Settings>, from?: HTMLElement) => {
    // a field set back to the value in use takes back what was asked about it
    const patch = changedSettings(wanted, settings);
    const back = (Object.keys(wanted) as (keyof Settings)[]).filter((k) => !(k in patch));
    if (back.length && pending && back.some((k) => k in pending)) {
      setPending((asked) => {
        const rest = { ...asked };
        for (const k of back) delete rest[k];
        return Object.keys(rest).length ? rest : null;
      });
    }
    if (Object.keys(patch).length === 0) return;
    // a decayed-α₀ notice speaks of the settings before this change
    dismissAction(KEEP_START);
    if (resetsNetwork(patch, settings) && step > 0) {
      askedFrom.current = from ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null);
      // a second field changed while the question waits joins it (it replaced the first, which
      // went back without a word)
      setPending((asked) => ({ ...(asked ?? {}), ...patch }));
    } else {
      // applied at once; a question still waiting about other fields stays
      if (pending) ownChange.current = true;
      void trainer.setSettings(patch).then(() => {
        if ('learningRate' in patch) noteDecayedRate(useLab.getState().settings);
      });
    }
  };

  /** Text fields commit on Enter or blur; a malformed value is refused with a message. */
  const commit = (key: Field, text: string, field: HTMLElement) => {
    // left without an edit (a refused value put back, then a click elsewhere): nothing to commit,
    // and a refusal's message stays. It went, the page moved up under the pointer between the
    // press and the release, and the click that left the field was lost
    if (drafts[key] === undefined) return;
    const value = SETTINGS[key].parse(text);
    setDrafts((d) => ({ ...d, [key]: undefined }));
    if (value === undefined) {
      setRefusal({
        key,
        message: `${capitalised(SETTINGS[key].label)} “${text}” is not allowed: use ${SETTINGS[key].allowed}. Kept ${spokenValue(key, settings[key])}.`,
      });
      return;
    }
    // a refusal stays until this field is set right (or dismissed), not until any field is left
    if (refusal?.key === key) setRefusal(null);
    propose({ [key]: value } as Partial<Settings>, field);
  };

  const text = (key: Field, testId: string, label: string, width = 5, unit?: string) => {
    // while the question waits, every field shows what was asked for, as the menus do (this
    // one went back to the old value while the question still named the new)
    const shown = drafts[key] ?? SETTINGS[key].format((pending?.[key] ?? settings[key]) as never);
    // wide enough for what it holds: "64-64-64-64" read "64-64-64-6", α₀ = 0.00001 read "0.0000" (a review)
    const chars = Math.min(Math.max(width, shown.length), MAX_FIELD_CHARS);
    return (
      <label className="field inline">
        <span>{label}</span>
        <input
          data-testid={testId}
          aria-label={
            unit
              ? `${SETTINGS[key].label}, in ${unit}`
              : label === SETTINGS[key].label
                ? label
                : `${label}, ${SETTINGS[key].label}`
          }
          aria-invalid={refusal?.key === key || undefined}
          aria-describedby={refusal?.key === key ? 'settings-error' : undefined}
          size={chars}
          style={{ width: `${chars + 2}ch` }}
          // "16-16" needs a minus: a phone's decimal keypad has none
          inputMode={key === 'hiddenLayers' ? 'text' : 'decimal'}
          value={shown}
          data-pending={pending?.[key] !== undefined || undefined}
          onChange={(e) => setDrafts((d) => ({ ...d, [key]: e.target.value }))}
          onBlur={(e) => commit(key, e.target.value, e.currentTarget)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit(key, e.currentTarget.value, e.currentTarget);
          }}
        />
        {unit && <span>{unit}</span>}
      </label>
    );
  };

  return (
    <div className="settings-bar">
      {/* on a phone and a short stacked screen (styles.css) the fields fold behind one line that
          names them: eight fields took the first screen, 390 px, before the network (a review) */}
      <button
        type="button"
        className="settings-toggle"
        data-testid="settings-toggle"
        aria-expanded={fieldsOpen}
        aria-controls="settings-fields"
        onClick={() => setFieldsOpen((o) => !o)}
      >
        <span className="settings-toggle-name">Settings</span>
        <span className="settings-summary">{settingsSummary(settings)}</span>
        <span aria-hidden="true">{fieldsOpen ? '▴' : '▾'}</span>
      </button>
      <div className="settings-fields" id="settings-fields" data-open={fieldsOpen || undefined}>
        {text('hiddenLayers', 'hidden-layers', 'hidden', 8)}
        <label className="field inline">
          <span>activation</span>
          <DraftSelect
            data-testid="activation"
            aria-label="Hidden-layer activation function"
            value={pending?.activation ?? settings.activation}
            data-pending={pending?.activation !== undefined || undefined}
            onCommit={(v, from) => propose({ activation: v as Settings['activation'] }, from)}
          >
            {ACTIVATIONS.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </DraftSelect>
        </label>
        <label className="field inline">
          <span>cost</span>
          <DraftSelect
            data-testid="loss"
            aria-label="Cost function"
            value={pending?.loss ?? settings.loss}
            data-pending={pending?.loss !== undefined || undefined}
            onCommit={(v, from) => propose({ loss: v as Settings['loss'] }, from)}
          >
            {LOSSES.map((l) => (
              <option key={l} value={l}>
                {LOSS_NAMES[l]}
              </option>
            ))}
          </DraftSelect>
        </label>
        {text('learningRate', 'learning-rate', 'α₀ (start)')}
        <label className="field inline">
          <span>schedule</span>
          <DraftSelect
            data-testid="schedule"
            aria-label="Learning-rate schedule per epoch"
            value={settings.schedule}
            onCommit={(v, from) => propose(scheduleChange(v as Settings['schedule'], settings), from)}
          >
            {SCHEDULES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </DraftSelect>
        </label>
        {settings.schedule === 'exponential' && text('decay', 'decay', 'decay ×/epoch', 4)}
        {settings.schedule === 'step' && (
          <>
            {text('decay', 'decay', 'decay ×', 4)}
            {/* "every [1]" said nothing of what it counts (a student's review) */}
            {text('decayEvery', 'decay-every', 'every', 2, 'epochs')}
          </>
        )}
        {text('momentum', 'momentum', 'momentum', 4)}
        {text('batchSize', 'batch-size', 'batch', 5)}
      </div>
      {pending && (
        <div
          className="confirm wraps"
          role="alertdialog"
          aria-label="Confirm reset"
          data-testid="confirm-reset"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              // not also the page's Esc, which clears the network's selection
              e.preventDefault();
              answered();
            }
          }}
        >
          <span className="confirm-text">
            Changing {describeSettings(pending)} builds a new network and starts over from update 0 (now at{' '}
            <Live>{count(shownStep)}</Live>)
            {/* the others change the network itself; a batch size could apply at once, so it says why not */}
            {Object.keys(pending).length === 1 && 'batchSize' in pending
              ? ', so the two batch sizes are compared from the same start: the cost chart keeps this run as a grey line.'
              : '.'}
          </span>
          <button
            type="button"
            data-testid="confirm-reset-yes"
            onClick={() => {
              const patch = pending;
              answered();
              // said, and undoable, as a preset's rebuild is: nothing told a screen reader the network
              // was new, and the trained one was gone for good (a keyboard review)
              void trainer.setSettingsWithUndo(patch, (update) => setAsideNotice(patch, update));
            }}
          >
            Start over
          </button>
          <button type="button" ref={keepTraining} data-testid="confirm-reset-no" onClick={answered}>
            Keep training
          </button>
        </div>
      )}
      {refusal && (
        <div className="confirm" role="alert" data-testid="settings-error" id="settings-error">
          {refusal.message}
          <button type="button" aria-label="Dismiss" onClick={() => setRefusal(null)}>
            ×
          </button>
        </div>
      )}
      <TrainingNotices />
    </div>
  );
}
