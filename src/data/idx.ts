/**
 * IDX: the file format MNIST is published in (yann.lecun.com/exdb/mnist).
 * A 4-byte magic (0, 0, type code, number of dimensions), then one big-endian
 * uint32 per dimension, then the data. MNIST uses type 0x08 (unsigned byte).
 */

export interface IdxTensor {
  /** e.g. [60000, 28, 28] for images, [60000] for labels. */
  dims: number[];
  /** The raw bytes, a view into the file (no copy). */
  data: Uint8Array;
}

export class IdxError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'IdxError';
  }
}

const UNSIGNED_BYTE = 0x08;

/** A count as the messages write it: 999,989,992, not 999989992. */
const n = (v: number) => v.toLocaleString('en-US');

/** Parses an IDX file of unsigned bytes; every failure names the file and what is wrong. */
export function parseIdx(bytes: Uint8Array, file: string): IdxTensor {
  if (bytes.length < 4)
    throw new IdxError(file, `truncated: ${n(bytes.length)} bytes, too short for the 4-byte magic number`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  const rank = bytes[3];
  if (bytes[0] !== 0 || bytes[1] !== 0 || bytes[2] !== UNSIGNED_BYTE || rank < 1 || rank > 4) {
    throw new IdxError(
      file,
      // (said for a student first, the bytes after: "wrong magic number … is this an IDX file?" was a developer's)
      `is not an MNIST file, or is damaged: it starts 0x${magic.toString(16).padStart(8, '0')}, where MNIST's IDX files start 0x000008NN (wrong magic number)`,
    );
  }
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes)
    throw new IdxError(file, `truncated: header needs ${headerBytes} bytes, file has ${n(bytes.length)}`);
  const dims: number[] = [];
  for (let i = 0; i < rank; i++) dims.push(view.getUint32(4 + 4 * i));
  const expected = dims.reduce((p, d) => p * d, 1);
  const actual = bytes.length - headerBytes;
  if (actual < expected) {
    throw new IdxError(
      file,
      `truncated: dimensions [${dims.join(', ')}] need ${n(expected)} data bytes, file has ${n(actual)}`,
    );
  }
  if (actual > expected) {
    throw new IdxError(
      file,
      `${n(actual - expected)} unexpected ${actual - expected === 1 ? 'byte' : 'bytes'} after the data for dimensions [${dims.join(', ')}]`,
    );
  }
  return { dims, data: bytes.subarray(headerBytes) };
}

/** A labelled set of 28x28 images, kept as bytes (0..255) to save memory. */
export interface Dataset {
  /** count * rows * cols bytes, row-major per image. */
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  rows: number;
  cols: number;
}

/** Joins an images file and a labels file, checking that they agree. */
export function makeDataset(
  imagesFile: { bytes: Uint8Array; name: string },
  labelsFile: { bytes: Uint8Array; name: string },
): Dataset {
  const images = parseIdx(imagesFile.bytes, imagesFile.name);
  const labels = parseIdx(labelsFile.bytes, labelsFile.name);
  if (images.dims.length !== 3) {
    throw new IdxError(imagesFile.name, `expected 3 dimensions (count, rows, cols), found ${images.dims.length}`);
  }
  if (labels.dims.length !== 1) {
    throw new IdxError(labelsFile.name, `expected 1 dimension (count), found ${labels.dims.length}`);
  }
  const [count, rows, cols] = images.dims;
  if (labels.dims[0] !== count) {
    throw new IdxError(
      labelsFile.name,
      `count mismatch: ${n(labels.dims[0])} labels but ${imagesFile.name} has ${n(count)} images`,
    );
  }
  for (let i = 0; i < count; i++) {
    if (labels.data[i] > 9)
      throw new IdxError(labelsFile.name, `label ${labels.data[i]} at index ${i} is not a digit 0-9`);
  }
  return { images: images.data, labels: labels.data, count, rows, cols };
}

/** The four MNIST files, as served from public/data/ (gzip) and read by Node tests. */
export const MNIST_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/** What each MNIST file holds, in a student's words (messages name the file and then these). */
const MNIST_FILE_WORDS: Record<string, string> = {
  [MNIST_FILES.trainImages]: 'the training images',
  [MNIST_FILES.trainLabels]: 'the training labels',
  [MNIST_FILES.testImages]: 'the test images',
  [MNIST_FILES.testLabels]: 'the test labels',
};

/** A served file as messages name it: 'train-images-idx3-ubyte.gzip (the training images)'. */
export function servedFileName(file: string): string {
  const words = MNIST_FILE_WORDS[file];
  return words ? `${file}.gzip (${words})` : `${file}.gzip`;
}

/** The last 10,000 training images are held out for choosing settings. */
export const VALIDATION_SIZE = 10_000;

/** A view of images [start, end) of a dataset, sharing its memory. */
export function sliceDataset(d: Dataset, start: number, end: number): Dataset {
  const px = d.rows * d.cols;
  return {
    images: d.images.subarray(start * px, end * px),
    labels: d.labels.subarray(start, end),
    count: end - start,
    rows: d.rows,
    cols: d.cols,
  };
}
