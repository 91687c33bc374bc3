import { describe, expect, it } from 'vitest';
import {
  describeProgress,
  describeQuiet,
  describeSource,
  describeTimeLeft,
} from '../../../src/views/shell/data-progress';

/** Files not all read yet. */
const reading = { filesRead: 2, filesUnpacked: 1, files: 4 };

describe('the download progress', () => {
  it('says how much of how much has arrived', () => {
    expect(describeProgress({ loadedBytes: 7_000_000, totalBytes: 11_600_000, fromCache: false, ...reading })).toEqual({
      text: ': 7.0 of 11.6 MB',
      fraction: 7 / 11.6,
    });
  });

  it('with no size from the server (no Content-Length), says what arrived and shows no fraction', () => {
    // it read "7.0 of 0.0 MB"
    expect(describeProgress({ loadedBytes: 7_000_000, totalBytes: 0, fromCache: false, ...reading })).toEqual({
      text: ': 7.0 MB so far',
      fraction: null,
    });
    expect(describeProgress(null)).toEqual({ text: '…', fraction: null });
    // a total that is plainly short (only some files said their size) is not believed
    expect(describeProgress({ loadedBytes: 3_900_000, totalBytes: 32_000, fromCache: false, ...reading })).toEqual({
      text: ': 3.9 MB so far',
      fraction: null,
    });
  });
});

describe('after the download', () => {
  it('says the files are being unpacked once every byte is in, and how many are done (a stop there is not the download)', () => {
    const all = { loadedBytes: 11_243_332, totalBytes: 0, fromCache: true, filesRead: 4, files: 4 };
    expect(describeProgress({ ...all, filesUnpacked: 3 })).toEqual({
      text: ': unpacking (3 of 4 files done)',
      fraction: 1,
    });
    expect(describeProgress({ ...all, filesUnpacked: 4 }).text).toBe(': unpacked');
    // three files read: still the download's figures
    expect(describeProgress({ ...all, filesRead: 3, filesUnpacked: 2 }).text).toBe(': 11.2 MB so far');
  });
});

describe('what is being loaded', () => {
  it('says a second visit reads the saved copy, not a download', () => {
    expect(describeSource({ loadedBytes: 10_000_000, totalBytes: 11_200_000, fromCache: true, ...reading })).toMatch(
      /this browser saved/,
    );
    expect(describeSource({ loadedBytes: 1_000_000, totalBytes: 11_200_000, fromCache: false, ...reading })).toMatch(
      /^Loading 70,000/,
    );
    expect(describeSource(null)).toMatch(/^Loading 70,000/);
  });
});

describe('the time the download has left', () => {
  const at = (loadedBytes: number, fromCache = false) => ({
    loadedBytes,
    totalBytes: 11_243_332,
    fromCache,
    ...reading,
  });
  const start = { at: 1_000, bytes: 200_000 };

  it('is said at the pace since the first bytes, and that it is the only time', () => {
    // 3.1 MB in 16 s: 194 kB/s, 7.9 MB to go: about 41 s, said to the next 5 s
    expect(describeTimeLeft(at(3_300_000), start, 17_000)).toBe(
      ', about 45 s left (only this once: this browser keeps them)',
    );
    // 0.3 MB in 10 s: ten minutes to go, said in minutes
    expect(describeTimeLeft(at(500_000), start, 11_000)).toBe(
      ', about 6 min left (only this once: this browser keeps them)',
    );
  });

  it('is not guessed from under 3 s, nor said for the last seconds, a saved copy or an unknown size', () => {
    expect(describeTimeLeft(at(1_000_000), start, 3_500)).toBe('');
    expect(describeTimeLeft(at(11_000_000), start, 20_000)).toBe('');
    expect(describeTimeLeft(at(3_300_000, true), start, 17_000)).toBe('');
    expect(describeTimeLeft({ ...at(3_300_000), totalBytes: 0 }, start, 17_000)).toBe('');
    expect(describeTimeLeft(at(3_300_000), null, 17_000)).toBe('');
  });
});

describe('a download that has gone quiet', () => {
  const p = { loadedBytes: 4_500_000, totalBytes: 11_243_332, fromCache: false, ...reading };
  it('says so after 10 s without a byte, and when it is given up', () => {
    expect(describeQuiet(p, 9.9, 30)).toBe('');
    expect(describeQuiet(p, 12.4, 30)).toBe(
      '. Nothing has arrived for 12 s: the connection may be busy or down (given up at 30 s, with Retry)',
    );
  });
  it('says nothing while the files are unpacked: no bytes come then', () => {
    expect(describeQuiet({ ...p, filesRead: 4, filesUnpacked: 2 }, 20, 30)).toBe('');
    expect(describeQuiet(null, 20, 30)).toBe('');
  });
});
