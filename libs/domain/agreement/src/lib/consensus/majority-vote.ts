// Majority vote: each item's posterior is its vote shares; the baseline every label model must match and
// the starting point of Dawid-Skene EM.
import type { ConsensusInput, ConsensusResult } from './consensus.types';
import { type JudgementColumns, toJudgementColumns } from './judgement-columns';
import { summarisePosteriors } from './posterior-rows';

export interface MajorityVoteOptions {
  /** The only rule DESIGN.md allows: a tie goes to the lowest label id. */
  tieBreak?: 'lowest';
}

/** Vote shares as a flat n × k buffer; an unjudged item gets the uniform 1/k (no evidence either way). */
export function voteShares(columns: JudgementColumns): Float64Array {
  const { n, k, item, label, perItem } = columns;
  const shares = new Float64Array(n * k);
  for (let j = 0; j < item.length; j++) shares[item[j] * k + label[j]] += 1;
  for (let i = 0; i < n; i++) {
    const votes = perItem[i];
    for (let c = 0; c < k; c++) shares[i * k + c] = votes === 0 ? 1 / k : shares[i * k + c] / votes;
  }
  return shares;
}

export function majorityVote(input: ConsensusInput, options: MajorityVoteOptions = {}): ConsensusResult {
  const tieBreak = options.tieBreak ?? 'lowest';
  if (tieBreak !== 'lowest') throw new RangeError(`tieBreak must be 'lowest', got ${String(tieBreak)}`);
  const columns = toJudgementColumns(input);
  return summarisePosteriors(columns, voteShares(columns), 'majority');
}
