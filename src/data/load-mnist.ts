/** Loads the four real MNIST files (train and test) over fetch, with overall progress. */
import { openIdx, readIdx } from './fetch-idx';
import { MNIST_FILES, makeDataset, type Dataset } from './idx';

export interface LoadProgress {
  loadedBytes: number;
  totalBytes: number;
  /** True when every file came from Cache Storage (no network). */
  fromCache: boolean;
}

export interface Mnist {
  train: Dataset;
  test: Dataset;
  fromCache: boolean;
}

export async function loadMnist(baseUrl: string, onProgress: (p: LoadProgress) => void): Promise<Mnist> {
  const names = [MNIST_FILES.trainImages, MNIST_FILES.trainLabels, MNIST_FILES.testImages, MNIST_FILES.testLabels];
  const opened = await Promise.all(names.map((n) => openIdx(baseUrl, n)));
  const totalBytes = opened.reduce((s, o) => s + o.size, 0);
  const fromCache = opened.every((o) => o.fromCache);
  let loadedBytes = 0;
  let lastReport = 0;
  const report = (n: number): void => {
    loadedBytes += n;
    const now = Date.now();
    if (now - lastReport > 50) {
      lastReport = now;
      onProgress({ loadedBytes, totalBytes, fromCache });
    }
  };
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all(opened.map((o) => readIdx(o, report)));
  onProgress({ loadedBytes: totalBytes, totalBytes, fromCache });
  const gz = (n: string): string => `${n}.gzip`;
  return {
    train: makeDataset({ bytes: trainImages, name: gz(names[0]) }, { bytes: trainLabels, name: gz(names[1]) }),
    test: makeDataset({ bytes: testImages, name: gz(names[2]) }, { bytes: testLabels, name: gz(names[3]) }),
    fromCache,
  };
}
