/** Node-side access to the same gzip files the browser loads (public/data/). */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { MNIST_FILES, makeDataset, type Dataset } from '../../src/data/idx';

const dataDir = resolve(import.meta.dirname, '..', '..', 'public', 'data');

function read(name: string): { bytes: Uint8Array; name: string } {
  const path = join(dataDir, `${name}.gzip`);
  return { bytes: new Uint8Array(gunzipSync(readFileSync(path))), name: `${name}.gzip` };
}

let cache: { train: Dataset; test: Dataset } | undefined;

/** The 60,000 training and 10,000 test images; run `npm run prepare-data` first (pretest does). */
export function loadMnist(): { train: Dataset; test: Dataset } {
  cache ??= {
    train: makeDataset(read(MNIST_FILES.trainImages), read(MNIST_FILES.trainLabels)),
    test: makeDataset(read(MNIST_FILES.testImages), read(MNIST_FILES.testLabels)),
  };
  return cache;
}
