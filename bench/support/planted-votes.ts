// A seeded synthetic vote matrix with known ("planted") parameters, in the compact form the label model takes:
// Y drawn from a given class balance; LF j votes with probability coverage[j], independently of everything else,
// and then votes Y with probability accuracy[j], else one of the other k − 1 classes uniformly.
import { mulberry32 } from '@arbiter/domain/agreement';
import type { CompactVoteMatrix } from '@arbiter/domain/label-model';

export interface PlantedVotes {
  L: CompactVoteMatrix;
  /** The planted true class of each row. */
  y: number[];
  accuracy: number[];
  coverage: number[];
}

export interface PlantedVotesOptions {
  n: number;
  m: number;
  classBalance: readonly number[];
  accuracy: [number, number];
  coverage: [number, number];
  seed: number;
}

export function plantedVotes({ n, m, classBalance, seed, ...ranges }: PlantedVotesOptions): PlantedVotes {
  const k = classBalance.length;
  const random = mulberry32(seed);
  const between = ([lo, hi]: [number, number]) => lo + (hi - lo) * random();
  const accuracy = Array.from({ length: m }, () => between(ranges.accuracy));
  const coverage = Array.from({ length: m }, () => between(ranges.coverage));
  const cumulative = classBalance.map((_, c) => classBalance.slice(0, c + 1).reduce((a, b) => a + b, 0));
  const votes = new Int8Array(n * m);
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const u = random();
    let truth = 0;
    while (truth < k - 1 && u >= cumulative[truth]) truth++;
    y[i] = truth;
    for (let j = 0; j < m; j++) {
      let vote = -1;
      if (random() < coverage[j]) {
        if (random() < accuracy[j]) vote = truth;
        else {
          vote = Math.floor(random() * (k - 1));
          if (vote >= truth) vote++;
        }
      }
      votes[i * m + j] = vote;
    }
  }
  return { L: { n, m, votes }, y, accuracy, coverage };
}
