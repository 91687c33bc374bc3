/** Loads the four real MNIST files (train and test) over fetch, with overall progress. */
import { forgetCached, openIdx, readIdx } from './fetch-idx';
import { IdxError, MNIST_FILES, makeDataset, servedFileName, type Dataset } from './idx';

export interface LoadProgress {
  loadedBytes: number;
  totalBytes: number;
  /** True when every file came from Cache Storage (no network). */
  fromCache: boolean;
  /** Of `files`: how many are read whole, and how many of those are unpacked (inflated and checked). */
  filesRead: number;
  filesUnpacked: number;
  files: number;
}

export interface Mnist {
  train: Dataset;
  test: Dataset;
  fromCache: boolean;
}

export async function loadMnist(baseUrl: string, onProgress: (p: LoadProgress) => void): Promise<Mnist> {
  const names = [MNIST_FILES.trainImages, MNIST_FILES.trainLabels, MNIST_FILES.testImages, MNIST_FILES.testLabels];
  const opened = await Promise.all(names.map((n) => openIdx(baseUrl, n)));
  // one file without a Content-Length makes the total unknown (0): a partial sum read "3.9 of 0.0 MB"
  const totalBytes = opened.some((o) => !(o.size > 0)) ? 0 : opened.reduce((s, o) => s + o.size, 0);
  const fromCache = opened.every((o) => o.fromCache);
  let loadedBytes = 0;
  let lastReport = 0;
  let filesRead = 0;
  let filesUnpacked = 0;
  const files = names.length;
  // nothing is reported once the load has failed: the other files' late steps would say "loading"
  // over the error (the bridge also takes no progress once the load has answered)
  let failed = false;
  const progress = (): void => {
    if (!failed) onProgress({ loadedBytes, totalBytes, fromCache, filesRead, filesUnpacked, files });
  };
  const report = (n: number): void => {
    loadedBytes += n;
    const now = Date.now();
    if (now - lastReport > 50) {
      lastReport = now;
      progress();
    }
  };
  // each file's steps are reported as they finish, so a load that stops says where
  const read = (): void => {
    filesRead++;
    progress();
  };
  const [trainImages, trainLabels, testImages, testLabels] = await Promise.all(
    opened.map((o) =>
      readIdx(o, report, read).then((bytes) => {
        filesUnpacked++;
        progress();
        return bytes;
      }),
    ),
  ).catch((e: unknown) => {
    failed = true;
    throw e;
  });
  loadedBytes = totalBytes || loadedBytes;
  progress();
  try {
    const train = makeDataset(
      { bytes: trainImages, name: servedFileName(names[0]) },
      { bytes: trainLabels, name: servedFileName(names[1]) },
    );
    const test = makeDataset(
      { bytes: testImages, name: servedFileName(names[2]) },
      { bytes: testLabels, name: servedFileName(names[3]) },
    );
    checkMnistShape(train, servedFileName(names[0]), MNIST_TRAIN_COUNT, 'training');
    checkMnistShape(test, servedFileName(names[2]), MNIST_TEST_COUNT, 'test');
    return { train, test, fromCache };
  } catch (e) {
    // each file read well alone, but together they are not MNIST: none of the four cached copies
    // is trusted, so a Retry (or a reload) after the server is fixed downloads them again
    await Promise.all(opened.map((o) => forgetCached(o.url)));
    throw e;
  }
}

/** MNIST's sizes: the app's split (the last 10,000 training images for validation) and its settings assume them. */
export const MNIST_TRAIN_COUNT = 60_000;
export const MNIST_TEST_COUNT = 10_000;

function checkMnistShape(d: Dataset, file: string, count: number, which: string): void {
  if (d.rows !== 28 || d.cols !== 28)
    throw new IdxError(file, `its images are ${d.rows}x${d.cols} pixels; MNIST's are 28x28`);
  if (d.count !== count)
    throw new IdxError(
      file,
      `it holds ${d.count.toLocaleString('en-US')} images; MNIST's ${which} set has ${count.toLocaleString('en-US')} (the file is incomplete, or another dataset)`,
    );
}
