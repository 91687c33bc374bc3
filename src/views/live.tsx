import type { ReactNode } from 'react';

/**
 * A value inside words a page translator may translate: marked translate="no", so the translator
 * keeps it as it is and leaves it to React, which keeps it live. (A translator swaps the text nodes
 * it translates for copies of its own; React goes on writing to the old ones, and a number in a
 * sentence stood still. See shell/translator-guard.ts.)
 */
export function Live({ children }: { children: ReactNode }) {
  return <span translate="no">{children}</span>;
}
