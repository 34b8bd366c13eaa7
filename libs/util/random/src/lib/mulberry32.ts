// A small seeded PRNG (mulberry32, Tommy Ettinger's public-domain generator) so that resampling is reproducible
// from a seed on every platform; Math.random cannot be seeded.

// Module-level copies: under jest every lookup of a global such as Math goes through the test context and is
// ~30× slower, which matters for millions of draws.
const { imul, floor } = Math;

/** Returns a generator of floats in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = imul(state ^ (state >>> 15), 1 | state);
    t = (t + imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded Fisher-Yates shuffle of 0..n-1: the same permutation for the same seed on every platform. */
export function shuffledIndices(n: number, seed: number): Int32Array {
  const random = mulberry32(seed);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = floor(random() * (i + 1));
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}
