import { describe, expect, it } from 'vitest';
import { makeDataset, parseIdx } from '../../../src/data/idx';
import { loadMnist } from '../../helpers/mnist';

function idx(dims: number[], data: number[] | Uint8Array, typeCode = 0x08): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(header.buffer);
  header[2] = typeCode;
  header[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  const out = new Uint8Array(header.length + data.length);
  out.set(header);
  out.set(data, header.length);
  return out;
}

describe('parseIdx', () => {
  it('reads dimensions and data of a valid file', () => {
    const t = parseIdx(idx([2, 2, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), 'x.idx');
    expect(t.dims).toEqual([2, 2, 3]);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('names the file and says truncated when data is missing', () => {
    expect(() => parseIdx(idx([2, 2, 3], [1, 2, 3]), 'imgs.gz')).toThrow(
      /imgs\.gz: truncated: .*need 12 data bytes, file has 3/,
    );
  });

  it('says truncated when even the header is cut', () => {
    expect(() => parseIdx(idx([2, 2, 3], []).subarray(0, 6), 'a.gz')).toThrow(/a\.gz: truncated: header/);
    expect(() => parseIdx(new Uint8Array([0, 0]), 'b.gz')).toThrow(/b\.gz: truncated/);
  });

  it('rejects a wrong magic number', () => {
    expect(() => parseIdx(idx([3], [1, 2, 3], 0x0d), 'labels.gz')).toThrow(
      /labels\.gz: is not an MNIST file, or is damaged: it starts 0x00000d01, where .*\(wrong magic number\)$/,
    );
    // each byte of the magic number counts: a rank of 0, a second byte that is not 0
    expect(() => parseIdx(new Uint8Array([0, 0, 8, 0, 0, 0, 0, 0]), 'z.gz')).toThrow(/z\.gz: is not an MNIST file/);
    expect(() =>
      parseIdx(
        idx([3], [1, 2, 3]).map((b, i) => (i === 1 ? 0xff : b)),
        'y.gz',
      ),
    ).toThrow(/y\.gz: is not an MNIST file/);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]);
    expect(() => parseIdx(png, 'img.gz')).toThrow(/img\.gz: is not an MNIST file, or is damaged: it starts 0x89504e47/);
  });

  it('rejects trailing bytes', () => {
    expect(() => parseIdx(idx([2], [1, 2, 3]), 'l.gz')).toThrow(/l\.gz: 1 unexpected byte after/);
    // counts grouped as a person reads them (999989992 was a fuzzing review's)
    expect(() => parseIdx(idx([1], new Array(1235).fill(1)), 'l.gz')).toThrow(/l\.gz: 1,234 unexpected bytes after/);
  });
});

describe('makeDataset', () => {
  const images = idx([2, 2, 2], [0, 1, 2, 3, 4, 5, 6, 7]);
  it('joins images and labels that agree', () => {
    const d = makeDataset({ bytes: images, name: 'i' }, { bytes: idx([2], [3, 9]), name: 'l' });
    expect([d.count, d.rows, d.cols]).toEqual([2, 2, 2]);
    expect(Array.from(d.labels)).toEqual([3, 9]);
  });
  it('names the labels file on a count mismatch', () => {
    expect(() =>
      makeDataset({ bytes: images, name: 'imgs.gz' }, { bytes: idx([3], [1, 2, 3]), name: 'labs.gz' }),
    ).toThrow(/labs\.gz: count mismatch: 3 labels but imgs\.gz has 2 images/);
  });
  it('rejects a label that is not a digit', () => {
    expect(() => makeDataset({ bytes: images, name: 'i' }, { bytes: idx([2], [1, 12]), name: 'l.gz' })).toThrow(
      /l\.gz: label 12 at index 1/,
    );
    // 10, one past the last digit, too (it got past, then crashed training with a developer's message)
    expect(() => makeDataset({ bytes: images, name: 'i' }, { bytes: idx([2], [10, 1]), name: 'l.gz' })).toThrow(
      /l\.gz: label 10 at index 0/,
    );
    expect(makeDataset({ bytes: images, name: 'i' }, { bytes: idx([2], [9, 0]), name: 'l' }).labels[0]).toBe(9);
  });
  it('rejects labels with the wrong rank', () => {
    expect(() => makeDataset({ bytes: images, name: 'i.gz' }, { bytes: idx([2, 1, 1], [1, 2]), name: 'l.gz' })).toThrow(
      /l\.gz: expected 1 dimension/,
    );
  });
  it('rejects images with the wrong rank', () => {
    expect(() =>
      makeDataset(
        { bytes: idx([8], [0, 1, 2, 3, 4, 5, 6, 7]), name: 'i.gz' },
        { bytes: idx([8], [0, 0, 0, 0, 0, 0, 0, 0]), name: 'l' },
      ),
    ).toThrow(/i\.gz: expected 3 dimensions/);
  });
});

describe('the real MNIST files', () => {
  it('hold 60,000 training and 10,000 test 28x28 digits', () => {
    const { train, test } = loadMnist();
    expect([train.count, train.rows, train.cols]).toEqual([60000, 28, 28]);
    expect(test.count).toBe(10000);
    expect(Array.from(train.labels.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]);
    const counts = new Array(10).fill(0);
    for (const l of test.labels) counts[l]++;
    expect(counts.every((c) => c > 800)).toBe(true);
  });
});
