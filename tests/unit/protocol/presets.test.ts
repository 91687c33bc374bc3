import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, LECTURE_PATCH, PRESETS, SETTING_KEYS, type Settings } from '../../../src/protocol/settings';
import { formatHash } from '../../../src/protocol/url-hash';

describe('presets', () => {
  it('set every training setting (all but the seed and the speed), so nothing from before lingers', () => {
    const training = SETTING_KEYS.filter((k) => k !== 'seed' && k !== 'speed');
    for (const preset of PRESETS) expect(Object.keys(preset.settings).sort()).toEqual([...training].sort());
    expect(Object.keys(LECTURE_PATCH).sort()).toEqual([...training].sort());
  });

  it('give the same address whatever the settings were before (seed and speed aside)', () => {
    fc.assert(
      fc.property(
        fc.record({ decayEvery: fc.integer({ min: 1, max: 100 }), schedule: fc.constantFrom('step', 'constant') }),
        (before) => {
          for (const preset of PRESETS) {
            const from: Settings = { ...DEFAULT_SETTINGS, ...before } as Settings;
            expect(formatHash({ ...from, ...preset.settings })).toBe(
              formatHash({ ...DEFAULT_SETTINGS, ...preset.settings }),
            );
          }
        },
      ),
    );
  });
});
