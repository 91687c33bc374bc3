import { describe, expect, it } from 'vitest';
import { describeProgress, describeSource } from '../../../src/views/shell/data-progress';

describe('the download progress', () => {
  it('says how much of how much has arrived', () => {
    expect(describeProgress({ loadedBytes: 7_000_000, totalBytes: 11_600_000, fromCache: false })).toEqual({
      text: ': 7.0 of 11.6 MB',
      fraction: 7 / 11.6,
    });
  });

  it('with no size from the server (no Content-Length), says what arrived and shows no fraction', () => {
    // it read "7.0 of 0.0 MB"
    expect(describeProgress({ loadedBytes: 7_000_000, totalBytes: 0, fromCache: false })).toEqual({
      text: ': 7.0 MB so far',
      fraction: null,
    });
    expect(describeProgress(null)).toEqual({ text: '…', fraction: null });
    // a total that is plainly short (only some files said their size) is not believed
    expect(describeProgress({ loadedBytes: 3_900_000, totalBytes: 32_000, fromCache: false })).toEqual({
      text: ': 3.9 MB so far',
      fraction: null,
    });
  });
});

describe('what is being loaded', () => {
  it('says a second visit reads the saved copy, not a download', () => {
    expect(describeSource({ loadedBytes: 10_000_000, totalBytes: 11_200_000, fromCache: true })).toMatch(
      /this browser saved/,
    );
    expect(describeSource({ loadedBytes: 1_000_000, totalBytes: 11_200_000, fromCache: false })).toMatch(
      /^Loading 70,000/,
    );
    expect(describeSource(null)).toMatch(/^Loading 70,000/);
  });
});
