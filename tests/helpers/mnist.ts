/** Node-side access to the same gzip files the browser loads (public/data/). */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { MNIST_FILES, makeDataset, type Dataset } from '../../src/data/idx';

/** Where `npm run prepare-data` puts the files (an absolute path). */
export const MNIST_DATA_DIR = resolve(import.meta.dirname, '..', '..', 'public', 'data');

function read(dataDir: string, name: string): { bytes: Uint8Array; name: string } {
  const path = join(dataDir, `${name}.gzip`);
  return { bytes: new Uint8Array(gunzipSync(readFileSync(path))), name: `${name}.gzip` };
}

/** The 60,000 training images from `dataDir`, read afresh (for a thread of its own: the engine bench's). */
export function loadMnistTrainFrom(dataDir: string): Dataset {
  return makeDataset(read(dataDir, MNIST_FILES.trainImages), read(dataDir, MNIST_FILES.trainLabels));
}

let cache: { train: Dataset; test: Dataset } | undefined;

/** The 60,000 training and 10,000 test images; run `npm run prepare-data` first (pretest does). */
export function loadMnist(): { train: Dataset; test: Dataset } {
  cache ??= {
    train: loadMnistTrainFrom(MNIST_DATA_DIR),
    test: makeDataset(read(MNIST_DATA_DIR, MNIST_FILES.testImages), read(MNIST_DATA_DIR, MNIST_FILES.testLabels)),
  };
  return cache;
}
