// Test-only: a vote matrix drawn from the label model's own assumptions, with known ("planted") parameters.
// Y uniform over k classes; LF j votes with probability coverage[j], independently of everything else, and
// then votes Y with probability accuracy[j], else one of the other k - 1 classes uniformly.
import type { CompactVoteMatrix } from './vote-matrix';

// Module-level copies: under jest every lookup of a global such as Math goes through the test context and is
// ~30× slower, which matters for 40M draws.
const { imul, floor } = Math;

/** mulberry32, a small seeded PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = imul(s ^ (s >>> 15), 1 | s);
    t = (t + imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PlantedVotes {
  L: CompactVoteMatrix;
  y: Int8Array;
  accuracy: number[];
  coverage: number[];
}

export function plantedVotes(options: {
  n: number;
  m: number;
  k: number;
  seed: number;
  accuracy: [number, number];
  coverage: [number, number];
}): PlantedVotes {
  const { n, m, k, seed } = options;
  const random = seededRandom(seed);
  const between = ([lo, hi]: [number, number]) => lo + (hi - lo) * random();
  const accuracy = Array.from({ length: m }, () => between(options.accuracy));
  const coverage = Array.from({ length: m }, () => between(options.coverage));
  const votes = new Int8Array(n * m);
  const y = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const truth = floor(random() * k);
    y[i] = truth;
    for (let j = 0; j < m; j++) {
      let vote = -1;
      if (random() < coverage[j]) {
        if (random() < accuracy[j]) vote = truth;
        else {
          vote = floor(random() * (k - 1));
          if (vote >= truth) vote++;
        }
      }
      votes[i * m + j] = vote;
    }
  }
  return { L: { n, m, votes }, y, accuracy, coverage };
}
