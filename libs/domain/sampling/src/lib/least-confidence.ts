// Least-confidence sampling: the rows whose most likely class is least likely, score 1 - max p, largest first.
import { badProbability } from './inputs';
import { prepareUncertainty, type UncertaintyOptions } from './uncertainty';

/** Row indices by 1 - max p, largest first; equal scores in index order. */
export function leastConfidence(options: UncertaintyOptions): number[] {
  const { values, n, k, skip, top } = prepareUncertainty(options);
  for (let i = 0, x = 0; i < n; i++) {
    let max = -1;
    for (let c = 0; c < k; c++, x++) {
      const p = values[x];
      if (!(p >= 0 && p <= 1)) throw badProbability(i, c, p);
      if (p > max) max = p;
    }
    // Ranked by -max p rather than 1 - max p: the same order, without the rounding of 1 - p, which can merge
    // two different probabilities below 0.5 into one score.
    if (skip === null || skip[i] === 0) top.offer(-max, i);
  }
  return top.ranked().rows;
}
