// Margin sampling: the rows whose two most likely classes are closest, score p1 - p2, smallest first.
import { badProbability } from './inputs';
import { prepareUncertainty, type UncertaintyOptions } from './uncertainty';
import type { TopScores } from './top-scores';

/** Row indices by p1 - p2 (the two largest probabilities), smallest first; equal margins in index order. */
export function margin(options: UncertaintyOptions): number[] {
  const { values, n, k, skip, top } = prepareUncertainty(options);
  offerMargins(values, n, k, skip, top);
  return top.ranked().rows;
}

/** Feeds every row not in `skip` to `top` with score -(p1 - p2), so the heap keeps the smallest margins. */
export function offerMargins(values: Float32Array | Float64Array, n: number, k: number, skip: Uint8Array | null, top: TopScores): void {
  for (let i = 0, x = 0; i < n; i++) {
    let p1 = -1;
    let p2 = -1;
    for (let c = 0; c < k; c++, x++) {
      const p = values[x];
      if (!(p >= 0 && p <= 1)) throw badProbability(i, c, p);
      if (p > p1) {
        p2 = p1;
        p1 = p;
      } else if (p > p2) {
        p2 = p;
      }
    }
    if (skip === null || skip[i] === 0) top.offer(p2 - p1, i);
  }
}
