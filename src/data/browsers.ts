/**
 * The browsers the app is built for: vite.config.ts's `build.target` (Vite 8's
 * 'baseline-widely-available', set explicitly so that a Vite upgrade cannot move it unseen), and
 * the same in words, as the page says it (index.html repeats the words; a unit test holds them equal).
 */
export const BUILD_TARGET = ['chrome111', 'edge111', 'firefox114', 'safari16.4', 'ios16.4'];

export const BROWSERS_NEEDED = 'Chrome or Edge 111, Firefox 114 or Safari 16.4 (iOS and iPadOS 16.4) or later';
