/**
 * Seeded pseudo-random numbers: xoshiro128** (state: four uint32 words, serialisable),
 * seeded by splitmix32, so a checkpoint can restore the generator and continue identically.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** The generator's state, plain numbers (JSON / structured-clone safe). */
  state(): number[];
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

function xoshiro128ss(s: Uint32Array): Rng {
  return {
    next() {
      const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
      const t = s[1] << 9;
      s[2] ^= s[0];
      s[3] ^= s[1];
      s[1] ^= s[2];
      s[0] ^= s[3];
      s[2] ^= t;
      s[3] = rotl(s[3], 11);
      return result / 4294967296;
    },
    state: () => Array.from(s),
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A generator determined by `seed` (any number; its low 32 bits and the integer part are used). */
export function createRng(seed: number): Rng {
  const mix = splitmix32(Math.floor(seed) >>> 0);
  const s = new Uint32Array([mix(), mix(), mix(), mix()]);
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1;
  return xoshiro128ss(s);
}

/** The generator whose state() was `state`; it continues exactly where that one was. */
export function restoreRng(state: readonly number[]): Rng {
  if (state.length !== 4 || state.some((v) => !Number.isInteger(v) || v < 0 || v > 0xffffffff)) {
    throw new Error(`restoreRng: expected 4 uint32 words, got [${state.join(', ')}]`);
  }
  return xoshiro128ss(new Uint32Array(state));
}

/** A random permutation of 0..count-1 (Fisher-Yates). */
export function shuffledOrder(count: number, rng: Rng): Uint32Array {
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}

/** Uniform in [-limit, limit). */
export function uniform(rng: Rng, limit: number): number {
  return (2 * rng.next() - 1) * limit;
}
