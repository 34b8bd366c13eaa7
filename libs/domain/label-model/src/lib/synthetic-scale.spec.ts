// 1M × 20 vote matrices (k = 2 and k = 5) with planted LF accuracies, in the compact Int8Array form: the fit
// makes one streaming pass for the overlap matrix and then works on d × d = (20k)² numbers only.
// Observed on the development machine (not asserted; timing belongs in bench/): fit ≈ 0.4-0.9 s per matrix.
import { fitLabelModel } from './fit-label-model';
import { majorityVote } from './majority-vote';
import { plantedVotes } from './planted-votes';
import { tieAwareAccuracy } from './tie-aware-accuracy';
import { toProbabilityRows } from './vote-matrix';

describe.each([2, 5])('label model on a planted 1M × 20 matrix, k = %i', (k) => {
  const planted = plantedVotes({ n: 1_000_000, m: 20, k, seed: 20 + k, accuracy: [0.55, 0.95], coverage: [0.1, 0.9] });
  const model = fitLabelModel(planted.L, k, { seed: 1 });

  it('recovers every planted LF accuracy within 0.02, without gold', () => {
    expect(model.lfAccuracies).toHaveLength(20);
    model.lfAccuracies.forEach((learned, j) => expect(Math.abs(learned - planted.accuracy[j])).toBeLessThan(0.02));
  });

  it('beats majority vote on the planted labels of the first 20 000 rows', () => {
    const head = { n: 20_000, m: 20, votes: planted.L.votes.subarray(0, 20_000 * 20) };
    const gold = Array.from(planted.y.subarray(0, head.n));
    const generative = tieAwareAccuracy(toProbabilityRows(model.predictProbaCompact(head), k), gold);
    expect(generative).toBeGreaterThan(tieAwareAccuracy(majorityVote(head, k), gold));
  });
});
