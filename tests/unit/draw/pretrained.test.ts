import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, predict } from '../../../src/engine';
import { preprocessDigit } from '../../../src/data/preprocess';
import { ModelError, parsePretrained, toNetwork } from '../../../src/data/pretrained';
import { loadMnist } from '../../helpers/mnist';

const file = resolve(import.meta.dirname, '..', '..', '..', 'public', 'models', 'pretrained.json');
const raw = (): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

function argmax(a: ArrayLike<number>, from: number, n: number): number {
  let best = 0;
  for (let j = 1; j < n; j++) if (a[from + j] > a[from + best]) best = j;
  return best;
}

describe('the shipped pretrained network', () => {
  const model = parsePretrained(raw(), 'pretrained.json');

  it('is the default 784-16-16-10 network', () => {
    expect(model.spec.sizes).toEqual([784, 16, 16, 10]);
    expect(model.params).toHaveLength(13_002);
  });

  it('reaches at least 96% on the 10,000 MNIST test images, as the file says', () => {
    const { test } = loadMnist();
    const { accuracy, count } = evaluate(toNetwork(model), test);
    expect(count).toBe(10_000);
    expect(accuracy).toBeGreaterThanOrEqual(0.96);
    expect(accuracy).toBeCloseTo(model.testAccuracy, 3);
  });

  it('still reads real test digits after the draw pad preprocessing', () => {
    const { test } = loadMnist();
    const n = 3000;
    const inputs = new Float32Array(n * 784);
    for (let k = 0; k < n; k++) {
      const out = preprocessDigit({ width: 28, height: 28, pixels: test.images.subarray(k * 784, (k + 1) * 784) })!;
      inputs.set(out, k * 784);
    }
    const outputs = predict(toNetwork(model), inputs, n);
    let right = 0;
    for (let k = 0; k < n; k++) if (argmax(outputs, k * 10, 10) === test.labels[k]) right++;
    expect(right / n).toBeGreaterThan(0.95);
  });
});

describe('parsePretrained: clear messages for bad model files', () => {
  const cases: [string, (m: Record<string, unknown>) => unknown, RegExp][] = [
    ['not an object', () => [1, 2], /bad\.json: it is not a Backprop Lab model \(its JSON is a list, not an object\)/],
    [
      'wrong format',
      (m) => ({ ...m, format: 'keras' }),
      /it is not a Backprop Lab model \(its "format" is "keras", not "backprop-lab-model"\)/,
    ],
    ['future version', (m) => ({ ...m, version: 2 }), /unsupported "version" 2/],
    ['missing spec', ({ spec: _s, ...m }) => m, /field "spec" is missing/],
    ['spec not an object', (m) => ({ ...m, spec: 784 }), /"spec" must be an object/],
    ['missing params', ({ params: _p, ...m }) => m, /field "params" is missing/],
    ['missing testAccuracy', ({ testAccuracy: _t, ...m }) => m, /field "testAccuracy" is missing/],
    [
      'missing activation',
      (m) => ({ ...m, spec: { sizes: [784, 16, 16, 10], loss: 'mse', seed: 1 } }),
      /field "spec.activation" is missing/,
    ],
    [
      'unknown loss',
      (m) => ({ ...m, spec: { ...(m.spec as object), loss: 'hinge' } }),
      /"spec.loss" must be one of mse, binary-ce, categorical-ce, got "hinge"/,
    ],
    [
      'wrong input size',
      (m) => ({ ...m, spec: { ...(m.spec as object), sizes: [100, 16, 10] } }),
      /must start with 784 inputs/,
    ],
    [
      'wrong output size',
      (m) => ({ ...m, spec: { ...(m.spec as object), sizes: [784, 16, 16, 9] } }),
      /must end with 10 outputs/,
    ],
    [
      'params too short',
      (m) => ({ ...m, params: (m.params as number[]).slice(1) }),
      /"params" holds 13,001 numbers, but a 784-16-16-10 network has 13,002/,
    ],
    ['params not an array', (m) => ({ ...m, params: 'AAAA' }), /"params" must be an array of numbers/],
    [
      'a NaN in params (null in JSON)',
      (m) => ({ ...m, params: (m.params as number[]).map((v, i) => (i === 7 ? null : v)) }),
      /"params\[7\]" is null, not a finite number/,
    ],
    [
      'a string in params',
      (m) => ({ ...m, params: (m.params as number[]).map((v, i) => (i === 3 ? '0.1' : v)) }),
      /"params\[3\]" is "0.1"/,
    ],
    [
      'a value beyond float32',
      (m) => ({ ...m, params: (m.params as number[]).map((v, i) => (i === 5 ? 1e300 : v)) }),
      /"params\[5\]" = 1e\+300 does not fit a 32-bit float/,
    ],
    ['accuracy above 1', (m) => ({ ...m, testAccuracy: 96 }), /"testAccuracy" must be a fraction in \[0, 1\], got 96/],
    [
      'negative learning rate',
      (m) => ({ ...m, training: { ...(m.training as object), learningRate: -1 } }),
      /"training.learningRate" must be positive/,
    ],
  ];
  for (const [name, corrupt, message] of cases) {
    it(`rejects ${name}`, () => {
      const bad = JSON.parse(JSON.stringify(corrupt(raw()))) as unknown;
      expect(() => parsePretrained(bad, 'bad.json')).toThrow(ModelError);
      expect(() => parsePretrained(bad, 'bad.json')).toThrow(message);
    });
  }

  it('accepts the file as written and keeps every number', () => {
    const m = raw();
    const model = parsePretrained(m);
    const params = m.params as number[];
    for (let i = 0; i < params.length; i += 97) expect(model.params[i]).toBeCloseTo(params[i], 6);
  });
});
