// Entropy sampling: the rows whose predicted distribution is most spread out, score -Σ p ln p, largest first.
import { badProbability } from './inputs';
import * as rowEntropy from './row-entropy';
import { prepareUncertainty, type UncertaintyOptions } from './uncertainty';

// Module-local copies: under esbuild/swc's CommonJS output an imported binding is a getter call on every read,
// which made these per-row loops about twice as slow as with a local binding.
const { entropyOfSorted, sortAscending } = rowEntropy;

/** Row indices by -Σ p ln p (0 · ln 0 = 0), largest first; equal entropies in index order. */
export function entropy(options: UncertaintyOptions): number[] {
  const { values, n, k, skip, top } = prepareUncertainty(options);
  const scratch = new Float64Array(k);
  for (let i = 0, x = 0; i < n; i++) {
    for (let c = 0; c < k; c++, x++) {
      const p = values[x];
      if (!(p >= 0 && p <= 1)) throw badProbability(i, c, p);
      scratch[c] = p;
    }
    if (skip !== null && skip[i] !== 0) continue;
    sortAscending(scratch, k);
    top.offer(entropyOfSorted(scratch, k), i);
  }
  return top.ranked().rows;
}
