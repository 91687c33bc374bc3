/** Snapshots made up in the test, shaped like the trainer worker's. */
import { createNetwork, DEFAULT_SPEC } from '../../src/engine';
import { DEFAULT_SETTINGS } from '../../src/protocol/settings';
import type { EpochRecord, Snapshot } from '../../src/protocol/snapshot';

function record(epoch: number, validationAccuracy: number, testAccuracy: number): EpochRecord {
  return {
    epoch,
    step: epoch * 1563,
    trainCost: 0.5 / epoch,
    validationAccuracy,
    testAccuracy,
    testCost: 0.4,
    seconds: 3,
    learningRate: 0.1 * 0.8 ** epoch,
  };
}

/** A plausible paused snapshot two epochs in, for views and the bridge tested without a worker. */
export function syntheticSnapshot(): Snapshot {
  const net = createNetwork(DEFAULT_SPEC);
  const n = 500;
  // a thinned history: each point the mean of 7 updates
  const costSteps = Float64Array.from({ length: n }, (_, i) => (i + 1) * 7);
  const costFirsts = Float64Array.from({ length: n }, (_, i) => i * 7 + 1);
  const costValues = Float32Array.from({ length: n }, (_, i) => 2.3 * Math.exp(-i / 80) + 0.2 + 0.1 * Math.sin(i));
  const confusion = new Uint32Array(100);
  for (let t = 0; t < 10; t++) for (let p = 0; p < 10; p++) confusion[t * 10 + p] = t === p ? 950 : (t + p) % 4;
  confusion[4 * 10 + 9] = 23;
  return {
    spec: net.spec,
    settings: DEFAULT_SETTINGS,
    params: net.params,
    step: 3500,
    epoch: 2,
    positionInEpoch: 25_000,
    examplesPerEpoch: 50_000,
    batchStepped: 0,
    batchSize: 32,
    learningRate: 0.064,
    epochRates: [{ share: 0, rate: 0.064 }],
    playing: false,
    steppingEpoch: false,
    cost: 0.3,
    costSteps,
    costFirsts,
    costValues,
    epochs: [record(1, 0.912, 0.905), record(2, 0.934, 0.93)],
    untrained: { ...record(0, 0.098, 0.101), trainCost: NaN, seconds: null },
    confusion,
    nextExample: { index: 0, label: 5, pixels: new Uint8Array(784) },
    fault: null,
    updatesPerSecond: 0,
    silentUpdates: 0,
    seq: 1,
  };
}
