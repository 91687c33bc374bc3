import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createNetwork, predict } from '../../../src/engine';
import { ModelError } from '../../../src/data/pretrained';
import { modelToJson, parseModelFile, type ModelExport } from '../../../src/protocol/model-file';
import { DEFAULT_SETTINGS } from '../../../src/protocol/settings';
import { specFor } from '../../../src/worker/checkpoint-check';

function sampleModel(): ModelExport {
  const settings = { ...DEFAULT_SETTINGS, hiddenLayers: [8, 6], activation: 'tanh' as const, seed: 7 };
  const net = createNetwork(specFor(settings));
  return { spec: net.spec, params: net.params, settings, step: 123, epoch: 2 };
}

describe('model files', () => {
  it('round-trips: the imported network computes exactly what the exported one did', () => {
    const model = sampleModel();
    const back = parseModelFile(modelToJson(model), 'm.json');
    expect(back.spec).toEqual(model.spec);
    expect(back.settings).toEqual(model.settings);
    expect([back.step, back.epoch]).toEqual([123, 2]);
    const input = Float32Array.from({ length: 784 }, (_, i) => (i % 17) / 16);
    expect(predict(back, input, 1)).toEqual(predict(model, input, 1));
  });

  it('opens a file without the speed, a way of watching rather than part of the model, at the default speed', () => {
    const model = sampleModel();
    const json = JSON.parse(modelToJson({ ...model, settings: { ...model.settings, speed: 10 } })) as {
      settings: Record<string, unknown>;
    };
    delete json.settings.speed;
    const back = parseModelFile(JSON.stringify(json), 'm.json');
    expect(back.settings).toEqual({ ...model.settings, speed: DEFAULT_SETTINGS.speed });
    // the other settings are still required
    delete json.settings.momentum;
    expect(() => parseModelFile(JSON.stringify(json), 'm.json')).toThrow(/field "settings.momentum" is missing/);
  });

  it('reads the shipped pretrained model', () => {
    const text = readFileSync('public/models/pretrained.json', 'utf8');
    const model = parseModelFile(text, 'pretrained.json');
    expect(model.spec.sizes).toEqual([784, 16, 16, 10]);
    expect(model.settings.hiddenLayers).toEqual([16, 16]);
    // trained: its epochs' updates, not 0 (a network at update 0 is replaced without asking)
    const json = JSON.parse(text) as { epochs: number; training: { batchSize: number } };
    expect(json.epochs).toBeGreaterThan(0);
    expect(model.step).toBe(json.epochs * Math.ceil(50_000 / json.training.batchSize));
    expect(model.epoch).toBe(json.epochs);
  });

  const base = () => JSON.parse(modelToJson(sampleModel())) as Record<string, unknown>;
  const cases: [string, (j: Record<string, unknown>) => unknown, RegExp][] = [
    ['not JSON', () => '{"format":', /not valid JSON, or it is cut short/],
    [
      'a picture',
      () => '\x89PNG\r\n\x1a\n\0\0garbage',
      // the message quotes none of the file's bytes
      /^bad\.json: it is not a Backprop Lab model: its text is not valid JSON[ -~“”]*$/,
    ],
    ['an array', () => [], /its JSON is a list, not an object/],
    ['another format', (j) => ({ ...j, format: 'keras' }), /its "format" is "keras", not "backprop-lab-export"/],
    ['no format', ({ format: _f, ...j }) => j, /its "format" is missing, not "backprop-lab-export"/],
    ['a later version', (j) => ({ ...j, version: 9 }), /unsupported "version" 9/],
    ['too few weights', (j) => ({ ...j, params: (j.params as number[]).slice(1) }), /holds [\d,]+ numbers/],
    ['a NaN weight', (j) => ({ ...j, params: ['NaN', ...(j.params as number[]).slice(1)] }), /params\[0\]/],
    ['a huge weight', (j) => ({ ...j, params: [1e300, ...(j.params as number[]).slice(1)] }), /32-bit float/],
    ['wrong inputs', (j) => ({ ...j, spec: { ...(j.spec as object), sizes: [100, 8, 6, 10] } }), /784 inputs/],
    ['no settings', (j) => ({ ...j, settings: undefined }), /"settings" must be an object/],
    [
      'a bad learning rate',
      (j) => ({ ...j, settings: { ...(j.settings as object), learningRate: -1 } }),
      /settings\.learningRate/,
    ],
    [
      'settings that disagree with the spec',
      (j) => ({ ...j, settings: { ...(j.settings as object), activation: 'relu' } }),
      /disagrees with "spec\.activation"/,
    ],
    ['a negative step', (j) => ({ ...j, step: -3 }), /"step" must be a whole number/],
    // it opened, and then every Play "diverged" whatever the learning rate
    [
      'a weight past the divergence guard',
      (j) => ({ ...j, params: [(j.params as number[])[0], 1001, ...(j.params as number[]).slice(2)] }),
      /parameter 1 is 1001: past ±1,000, where training stops as diverged/,
    ],
    // the first weight counts too (a mutation review: a check that began at the second passed)
    [
      'a first weight past the divergence guard',
      (j) => ({ ...j, params: [1001, ...(j.params as number[]).slice(1)] }),
      /parameter 0 is 1001: past ±1,000/,
    ],
    [
      'a loss the spec does not have',
      (j) => ({ ...j, settings: { ...(j.settings as object), loss: 'mse' } }),
      /"settings\.loss" mse disagrees with "spec\.loss"/,
    ],
    [
      'hidden layers as many as the spec’s but not the same',
      (j) => ({ ...j, settings: { ...(j.settings as object), hiddenLayers: [6, 8] } }),
      /"settings\.hiddenLayers" 6-8 disagrees with "spec\.sizes" 784-8-6-10/,
    ],
    // the charts draw a point per epoch: 10⁹ froze the page, then threw
    ['10⁹ epochs', (j) => ({ ...j, epoch: 1e9 }), /"epoch" must be a whole number from 0 to 1,000, got 1000000000/],
    ['10⁹ updates', (j) => ({ ...j, step: 1e9 }), /"step" must be a whole number from 0 to 100,000,000/],
    [
      'a seed the settings refuse',
      (j) => ({ ...j, spec: { ...(j.spec as object), seed: -3 } }),
      /"spec\.seed" is not a valid/,
    ],
  ];
  // the shipped format, with a training value the settings bar and links refuse: it opened, and
  // the saved session holding it was refused on the next reload
  const pretrained = () => JSON.parse(readFileSync('public/models/pretrained.json', 'utf8')) as Record<string, unknown>;
  const training = (patch: object) => (j: Record<string, unknown>) => ({
    ...j,
    training: { ...(j.training as object), ...patch },
  });
  for (const [name, corrupt, message] of [
    ['a batch of 60,000', training({ batchSize: 60000 }), /"training\.batchSize" is not a valid batch size/],
    ['momentum 1.5', training({ momentum: 1.5 }), /"training\.momentum"/],
    [
      'a validation accuracy of 96 (a percentage)',
      (j: Record<string, unknown>) => ({ ...j, validationAccuracy: 96 }),
      /validationAccuracy/,
    ],
    ['a learning rate of 1e-7', training({ learningRate: 1e-7 }), /"training\.learningRate" is not a valid/],
    ['a negative seed', (j: Record<string, unknown>) => ({ ...j, spec: { ...(j.spec as object), seed: -3 } }), /seed/],
    // it opened, and then every update diverged at any learning rate (a fuzzing review)
    [
      'a weight of 10⁶',
      (j: Record<string, unknown>) => ({ ...j, params: [1e6, ...(j.params as number[]).slice(1)] }),
      /parameter 0 is 1000000: past ±1,000/,
    ],
    // (10⁹ opened without a word and froze the page: a review)
    [
      'a billion epochs',
      (j: Record<string, unknown>) => ({ ...j, epochs: 1e9 }),
      /"epochs" must be a whole number from 0 to 1,000/,
    ],
  ] as const) {
    it(`refuses a pretrained-format file with ${name}`, () => {
      expect(() => parseModelFile(JSON.stringify(corrupt(pretrained())), 'bad.json')).toThrow(message);
    });
  }
  it('reads a pretrained-format file’s decay of 1 as a constant rate, and clamps its momentum to the app’s 0.99', () => {
    const text = JSON.stringify(training({ decay: 1, momentum: 0.995 })(pretrained()));
    const model = parseModelFile(text, 'p.json');
    expect(model.settings.schedule).toBe('constant');
    expect(model.settings.momentum).toBe(0.99);
    expect(parseModelFile(JSON.stringify(pretrained()), 'p.json').settings.schedule).toBe('exponential');
  });
  // a fuzzing review: the message quoted whatever the file held, whole (5 MB), and a list nested
  // 10,000 deep overflowed the stack while the message was being built
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  for (const [name, text, message] of [
    ['a "format" nested 10,000 lists deep', `{"format":${nested(10_000)}}`, /its "format" is a list of 1 item, not/],
    [
      'a "version" nested 10,000 lists deep',
      `{"format":"backprop-lab-export","version":${nested(10_000)}}`,
      /unsupported "version" a list of 1 item/,
    ],
    [
      'a 5,000,000-character "format"',
      JSON.stringify({ format: 'x'.repeat(5_000_000) }),
      /its "format" is "x{40}"… \(5,000,000 characters\), not/,
    ],
    [
      'a million layer sizes',
      JSON.stringify({ ...base(), spec: { ...sampleModel().spec, sizes: new Array(1_000_000).fill(16) } }),
      /"spec\.sizes" must list 2 to 16 layer sizes, each a whole number from 1 to 4,096, got a list of 1,000,000 items$/,
    ],
    ['no "step"', JSON.stringify({ ...base(), step: undefined }), /its field "step" is missing/],
  ] as const) {
    it(`refuses ${name} with a short message that names the file`, () => {
      let error: unknown;
      try {
        parseModelFile(text, 'bad.json');
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ModelError);
      const said = (error as Error).message;
      expect(said).toMatch(/^bad\.json: /);
      expect(said).toMatch(message);
      expect(said.length).toBeLessThan(300);
    });
  }
  for (const [name, corrupt, message] of cases) {
    it(`refuses ${name}, naming the file`, () => {
      const value = corrupt(base());
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      expect(() => parseModelFile(text, 'bad.json')).toThrow(ModelError);
      expect(() => parseModelFile(text, 'bad.json')).toThrow(message);
      expect(() => parseModelFile(text, 'bad.json')).toThrow(/^bad\.json: /);
    });
  }

  it('property: any edit to a valid file gives a valid model or a ModelError, never anything else', () => {
    const valid = base();
    const keys = Object.keys(valid);
    const anyJson = fc.jsonValue({ maxDepth: 2 });
    fc.assert(
      fc.property(
        fc.constantFrom(...keys, 'spec.sizes', 'spec.activation', 'settings.batchSize', 'params.5'),
        anyJson,
        (path, value) => {
          const j = structuredClone(valid) as Record<string, Record<string, unknown>>;
          const [a, b] = path.split('.');
          if (b === undefined) (j as Record<string, unknown>)[a] = value;
          else j[a][b] = value;
          let model: ModelExport;
          try {
            model = parseModelFile(JSON.stringify(j), 'f.json');
          } catch (e) {
            expect(e).toBeInstanceOf(ModelError);
            return;
          }
          const n = model.spec.sizes.reduce((s, size, l, all) => (l ? s + size * all[l - 1] + size : 0), 0);
          expect(model.params.length).toBe(n);
          expect(model.params.every(Number.isFinite)).toBe(true);
          expect(model.settings.hiddenLayers).toEqual(model.spec.sizes.slice(1, -1));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: truncating or flipping a byte never crashes the importer', () => {
    const text = modelToJson(sampleModel());
    fc.assert(
      fc.property(fc.nat(text.length - 1), fc.integer({ min: 32, max: 126 }), fc.boolean(), (at, code, cut) => {
        const broken = cut ? text.slice(0, at) : text.slice(0, at) + String.fromCharCode(code) + text.slice(at + 1);
        try {
          parseModelFile(broken, 'f.json');
        } catch (e) {
          expect(e).toBeInstanceOf(ModelError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
