import { expect, it } from 'vitest';
import { DEFAULT_SETTINGS, describeSettings, spokenValue } from '../../../src/protocol/settings';
import { parseHash } from '../../../src/protocol/url-hash';

it('says a whole number grouped as the counts on screen are, and the rest as the address writes it', () => {
  // "batch size to 50000" beside the controls' "3 of 50,000"
  expect(describeSettings({ batchSize: 50_000, learningRate: 0.2 })).toBe('batch size to 50,000, learning rate to 0.2');
  expect(spokenValue('hiddenLayers', [16, 16])).toBe('16-16');
  expect(spokenValue('batchSize', DEFAULT_SETTINGS.batchSize)).toBe('32');
  // a link's bad value falls back to the one in use, said the same way
  const { problems } = parseHash('#batch=0', Infinity, { ...DEFAULT_SETTINGS, batchSize: 50_000 });
  expect(problems.join(' ')).toMatch(/using 50,000\./);
});
