import { describe, expect, it } from 'vitest';
import {
  describeProgress,
  describeQuiet,
  describeSource,
  describeTimeLeft,
  PaceMeter,
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

  it('is said at the pace measured, to the next 5 s or minute, and that it is usually the only time', () => {
    // 7.9 MB to go at 194 kB/s: about 41 s
    expect(describeTimeLeft(at(3_300_000), 193_750)).toBe(
      ', about 45 s left (usually only this once: this browser keeps them)',
    );
    // 10.7 MB at 30 kB/s: 358 s; 89 s reads "2 min", not "1 min"
    expect(describeTimeLeft(at(500_000), 30_000)).toBe(
      ', about 6 min left (usually only this once: this browser keeps them)',
    );
    expect(describeTimeLeft(at(11_243_332 - 89_000), 1_000)).toMatch(/about 2 min left/);
  });

  it('is not said for the last seconds, a saved copy, an unknown size or an unknown pace', () => {
    expect(describeTimeLeft(at(11_000_000), 193_750)).toBe('');
    expect(describeTimeLeft(at(3_300_000, true), 193_750)).toBe('');
    expect(describeTimeLeft({ ...at(3_300_000), totalBytes: 0 }, 193_750)).toBe('');
    expect(describeTimeLeft(at(3_300_000), null)).toBe('');
  });
});

describe('the download’s pace', () => {
  it('leaves out the first second’s burst from the caches (after a reload, "about 15 s left" where 48 s were)', () => {
    const pace = new PaceMeter();
    // 1.6 MB from Cache Storage within 0.3 s, then 187.5 kB/s from the network
    pace.add(0, 100_000);
    pace.add(300, 1_700_000);
    for (let t = 1_000; t <= 4_000; t += 500) pace.add(t, (1_700_000 + (t - 300) * 187.5) | 0);
    expect(pace.bytesPerSecond()).toBeCloseTo(187_500, -3);
  });

  it('is not known before 3 s of it are measured, and starts again with a new load', () => {
    const pace = new PaceMeter();
    pace.add(0, 1);
    pace.add(1_000, 200_000);
    pace.add(3_500, 700_000);
    expect(pace.bytesPerSecond()).toBeNull();
    pace.add(4_100, 800_000);
    expect(pace.bytesPerSecond()).toBeCloseTo(600_000 / 3.1, -2);
    // fewer bytes: a Retry's new load
    pace.add(5_000, 10);
    expect(pace.bytesPerSecond()).toBeNull();
  });

  it('follows the line over its last 10 s (it slowed down: the time left grows)', () => {
    const pace = new PaceMeter();
    let bytes = 0;
    for (let t = 0; t <= 30_000; t += 500) {
      bytes += t < 15_000 ? 250_000 : 50_000; // 500 kB/s, then 100 kB/s
      pace.add(t, bytes);
    }
    expect(pace.bytesPerSecond()).toBeCloseTo(100_000, -3);
  });
});

describe('a download that has gone quiet', () => {
  const p = { loadedBytes: 4_500_000, totalBytes: 11_243_332, fromCache: false, ...reading };
  it('says so after 10 s without a byte, and when it is given up', () => {
    expect(describeQuiet(p, 9.9, 30)).toBe('');
    expect(describeQuiet(p, 12.4, 30)).toBe(
      '. Nothing has arrived for 12 s: the connection may be busy or down (if nothing comes by 30 s, it stops and offers Retry)',
    );
  });
  it('says nothing while the files are unpacked: no bytes come then', () => {
    expect(describeQuiet({ ...p, filesRead: 4, filesUnpacked: 2 }, 20, 30)).toBe('');
    expect(describeQuiet(null, 20, 30)).toBe('');
  });
});
