/**
 * What the cost chart's grey "before" line is: the settings that set the replaced run apart
 * from this one (the replaced run's values), and whether their costs can be compared at all:
 * the same C computed by another cost function is on another scale (squared error near 0.1
 * beside cross-entropy near 0.5 read as "before was better").
 */
import {
  changedSettings,
  LOSS_NAMES,
  SETTINGS,
  SETTING_KEYS,
  spokenValue,
  type Settings,
} from '../../protocol/settings';

export interface EarlierLabel {
  text: string;
  comparable: boolean;
}

export function earlierLabel(before: Settings, now: Settings): EarlierLabel {
  const differ = changedSettings(before, now);
  const parts = SETTING_KEYS.filter((k) => k !== 'speed' && k in differ).map((k) =>
    k === 'loss' ? LOSS_NAMES[before.loss] : `${SETTINGS[k].label} ${spokenValue(k, before[k])}`,
  );
  const comparable = before.loss === now.loss;
  const what = parts.length ? parts.join(', ') : 'the same settings';
  return {
    text: comparable ? `before: ${what}` : `before: ${what}; another cost function, so its C is not comparable`,
    comparable,
  };
}
