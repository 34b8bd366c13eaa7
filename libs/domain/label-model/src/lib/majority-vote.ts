// Majority vote as probabilities: each row's share of the non-abstain votes per class. The baseline every
// label model here is compared against, and the fallback when validation gold shows it is the better one.
import { checkClassBalance } from './class-balance';
import { ABSTAIN, type CompactVoteMatrix, type VoteMatrix, toCompactVoteMatrix, toProbabilityRows } from './vote-matrix';

// A module-local copy: under esbuild/swc's CommonJS output an imported binding is a getter call on every read,
// which made these per-vote loops about three times slower than the tsc build.
const NO_VOTE: number = ABSTAIN;

export interface MajorityVoteOptions {
  /**
   * What a row with no votes gets (length k, summing to 1). Default: uniform 1/k, which is what random
   * tie-breaking means for such a row. A known class balance is the better guess when one is given.
   */
  classBalance?: readonly number[];
}

/** Vote shares of a validated compact matrix, n × k row-major. */
export function majorityVoteShares(L: CompactVoteMatrix, k: number, emptyRow: readonly number[]): Float64Array {
  const { n, m, votes } = L;
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let cast = 0;
    for (let j = 0; j < m; j++) {
      const v = votes[i * m + j];
      if (v !== NO_VOTE) {
        out[i * k + v] += 1;
        cast++;
      }
    }
    for (let c = 0; c < k; c++) out[i * k + c] = cast > 0 ? out[i * k + c] / cast : emptyRow[c];
  }
  return out;
}

/**
 * n × k vote shares: row i, class c = (votes for c) / (non-abstain votes in row i). Tied classes get exactly
 * equal shares, so a tie-aware score sees them as tied. Throws RangeError on a vote outside -1..k-1.
 */
export function majorityVote(L: VoteMatrix, k: number, options: MajorityVoteOptions = {}): number[][] {
  const compact = toCompactVoteMatrix(L, k);
  const emptyRow = options.classBalance ? checkClassBalance(options.classBalance, k) : new Array<number>(k).fill(1 / k);
  return toProbabilityRows(majorityVoteShares(compact, k, emptyRow), k);
}
