// Turns a flat n × k posterior buffer into a ConsensusResult: per-item row views, the argmax label and its
// probability, null for items nobody judged.
import type { ConsensusResult } from './consensus.types';
import type { JudgementColumns } from './judgement-columns';

export function summarisePosteriors(
  { n, k, perItem }: JudgementColumns,
  posterior: Float64Array,
  method: ConsensusResult['method'],
): ConsensusResult {
  const labels: (number | null)[] = new Array(n);
  const confidence: (number | null)[] = new Array(n);
  const posteriors: Float64Array[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = posterior.subarray(i * k, (i + 1) * k);
    posteriors[i] = row;
    if (perItem[i] === 0) {
      labels[i] = null;
      confidence[i] = null;
      continue;
    }
    // Strict '>' keeps the first maximum: ties break by the lower label id (DESIGN.md).
    let best = 0;
    for (let c = 1; c < k; c++) if (row[c] > row[best]) best = c;
    labels[i] = best;
    confidence[i] = row[best];
  }
  return { labels, confidence, posteriors, method };
}
