/**
 * jsdom has no ResizeObserver or IntersectionObserver: do-nothing ones (vi.stubGlobal, so
 * vi.unstubAllGlobals takes them away) let components that watch their size or visibility mount.
 */
import { vi } from 'vitest';

class Unobserving {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}

export function stubObservers(): void {
  vi.stubGlobal('ResizeObserver', Unobserving);
  vi.stubGlobal('IntersectionObserver', Unobserving);
}
