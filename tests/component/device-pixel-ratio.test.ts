import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchDevicePixelRatio } from '../../src/views/use-media';

/** A window whose resolution queries fire as a browser's do, its devicePixelRatio set apart. */
function fakeScreen() {
  const lists: { query: string; listeners: Set<() => void> }[] = [];
  vi.stubGlobal('matchMedia', (query: string) => {
    const entry = { query, listeners: new Set<() => void>() };
    lists.push(entry);
    return {
      matches: true,
      addEventListener: (_: string, f: () => void) => entry.listeners.add(f),
      removeEventListener: (_: string, f: () => void) => entry.listeners.delete(f),
    };
  });
  return {
    /** The queries listened to now. */
    live: () => lists.filter((l) => l.listeners.size > 0).map((l) => l.query),
    /** Fires the change event of every live query (their match changed). */
    fire: () => lists.forEach((l) => [...l.listeners].forEach((f) => f())),
    ratio: (r: number) => vi.stubGlobal('devicePixelRatio', r),
  };
}

describe('watchDevicePixelRatio', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('follows a zoom whose change event comes before the new ratio can be read (it was missed for good)', () => {
    vi.useFakeTimers();
    const screen = fakeScreen();
    screen.ratio(1);
    const seen: number[] = [];
    const stop = watchDevicePixelRatio(() => seen.push(window.devicePixelRatio));
    expect(screen.live()).toEqual(['(resolution: 1dppx)']);
    // the query's match changes, but devicePixelRatio still reads 1 in the event
    screen.fire();
    screen.ratio(2);
    expect(seen).toEqual([1]);
    vi.advanceTimersByTime(200);
    expect(seen).toEqual([1, 2]);
    expect(screen.live()).toEqual(['(resolution: 2dppx)']);
    // and the next zoom is heard as before
    screen.ratio(1);
    screen.fire();
    vi.advanceTimersByTime(200);
    expect(seen).toEqual([1, 2, 1]);
    expect(screen.live()).toEqual(['(resolution: 1dppx)']);
    stop();
    expect(screen.live()).toEqual([]);
  });

  it('one watcher serves every caller, and stops when the last one does', () => {
    const screen = fakeScreen();
    screen.ratio(1);
    const seen: string[] = [];
    const stopA = watchDevicePixelRatio(() => seen.push('a'));
    const stopB = watchDevicePixelRatio(() => seen.push('b'));
    expect(screen.live()).toEqual(['(resolution: 1dppx)']);
    screen.ratio(1.5);
    screen.fire();
    expect(seen).toEqual(['a', 'b']);
    stopA();
    screen.ratio(1);
    screen.fire();
    expect(seen).toEqual(['a', 'b', 'b']);
    stopB();
    expect(screen.live()).toEqual([]);
  });

  it('a watcher stopped by its last listener during a change leaves nothing behind, and a new listener gets a fresh one', () => {
    vi.useFakeTimers();
    const screen = fakeScreen();
    screen.ratio(1);
    let stop: () => void = () => {};
    const seen: number[] = [];
    stop = watchDevicePixelRatio(() => {
      seen.push(window.devicePixelRatio);
      stop();
    });
    // the event comes before the new ratio can be read: the look a moment later is stopped too
    screen.fire();
    screen.ratio(2);
    vi.advanceTimersByTime(200);
    expect(seen).toEqual([1]);
    expect(screen.live()).toEqual([]);
    const again = watchDevicePixelRatio(() => seen.push(window.devicePixelRatio));
    expect(screen.live()).toEqual(['(resolution: 2dppx)']);
    again();
    expect(screen.live()).toEqual([]);
  });

  it('one listener that throws does not keep the change from the others', () => {
    vi.useFakeTimers();
    const screen = fakeScreen();
    screen.ratio(1);
    const seen: string[] = [];
    const stopA = watchDevicePixelRatio(() => {
      throw new Error('a broken canvas');
    });
    const stopB = watchDevicePixelRatio(() => seen.push('b'));
    screen.ratio(2);
    screen.fire();
    expect(seen).toEqual(['b']);
    // the error is not lost: thrown again on its own
    expect(() => vi.runOnlyPendingTimers()).toThrow('a broken canvas');
    stopA();
    stopB();
    expect(screen.live()).toEqual([]);
  });
});
