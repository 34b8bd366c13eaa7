// The score stored beside a selected item (why it was chosen, shown to annotators): the uncertainty the strategy
// ranks by, as libs/domain/sampling defines it. Hybrid's candidates are the top M by margin, so its score is the
// margin; the diversity strategies and lf-disagreement rank by position alone (null).
import type { AlStrategy } from '@arbiter/contracts';

export function selectionScore(strategy: AlStrategy, probs: Float32Array | null, k: number, row: number): number | null {
  if (!probs) return null;
  const p = probs.subarray(row * k, row * k + k);
  let p1 = -1;
  let p2 = -1;
  for (const q of p) {
    if (q > p1) {
      p2 = p1;
      p1 = q;
    } else if (q > p2) p2 = q;
  }
  switch (strategy) {
    case 'least-confidence':
      return 1 - p1;
    case 'margin':
    case 'hybrid':
      return p1 - p2;
    case 'entropy': {
      let h = 0;
      for (const q of p) if (q > 0) h -= q * Math.log(q);
      return h;
    }
    default:
      return null;
  }
}
