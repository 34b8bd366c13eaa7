// A seeded vote matrix drawn from the label model's own assumptions, with known ("planted") parameters, for
// specs and benchmarks. Y uniform over k classes or drawn from a given class balance; LF j votes with probability
// coverage[j], independently of everything else, and then votes Y with probability accuracy[j], else one of the
// other k - 1 classes uniformly.
import { mulberry32 } from '@arbiter/util/random';
import type { CompactVoteMatrix } from './vote-matrix';

const { floor } = Math;

/** mulberry32, a small seeded PRNG (uniform in [0, 1)); kept under this name for the specs and benchmarks. */
export const seededRandom = mulberry32;

export interface PlantedVotes {
  L: CompactVoteMatrix;
  y: Int8Array;
  accuracy: number[];
  coverage: number[];
}

export interface PlantedVotesOptions {
  n: number;
  m: number;
  k: number;
  seed: number;
  /** Each LF's accuracy and coverage are drawn uniformly from these ranges. */
  accuracy: [number, number];
  coverage: [number, number];
  /** P(Y = c), length k; default uniform. */
  classBalance?: readonly number[];
}

export function plantedVotes(options: PlantedVotesOptions): PlantedVotes {
  const { n, m, k, seed, classBalance } = options;
  if (classBalance && classBalance.length !== k) throw new RangeError(`classBalance has ${classBalance.length} entries for k = ${k}`);
  const random = seededRandom(seed);
  const between = ([lo, hi]: [number, number]) => lo + (hi - lo) * random();
  const accuracy = Array.from({ length: m }, () => between(options.accuracy));
  const coverage = Array.from({ length: m }, () => between(options.coverage));
  const cumulative = classBalance?.map((_, c) => classBalance.slice(0, c + 1).reduce((a, b) => a + b, 0));
  const votes = new Int8Array(n * m);
  const y = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    let truth = 0;
    if (cumulative) {
      const u = random();
      while (truth < k - 1 && u >= cumulative[truth]) truth++;
    } else truth = floor(random() * k);
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
