// Population stability index of a current sample against a reference, with bin edges at the reference's
// quantiles: PSI = Σ_b (c_b − r_b) · ln(c_b / r_b) over the shares r, c of each sample in each bin.
import { sortedSample, DriftError, DriftErrorCode } from './drift.error';
import { quantile } from './quantile';

/** The share given to a bin that holds no value of a sample, so that ln(c / r) stays finite. */
export const PSI_EMPTY_BIN_SHARE = 1e-4;

export interface PsiInput {
  reference: ArrayLike<number>;
  current: ArrayLike<number>;
  /** Number of bins, 10 by default. */
  bins?: number;
}

export interface PsiResult {
  psi: number;
  /** The B − 1 inner edges q_1 … q_{B−1} (reference quantiles b/B, numpy's linear interpolation). */
  edges: number[];
  /** Share of each sample per bin (−∞, q1], (q1, q2], …, (q_{B−1}, ∞), empty bins already set to 1e-4. */
  referenceShares: number[];
  currentShares: number[];
}

export function psi({ reference, current, bins = 10 }: PsiInput): PsiResult {
  if (!Number.isInteger(bins) || bins < 1) {
    throw new DriftError(DriftErrorCode.InvalidBins, 'bins', `bins must be a positive integer, got ${bins}`);
  }
  const ref = sortedSample(reference, 'reference');
  const cur = sortedSample(current, 'current');
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) edges.push(quantile(ref, b / bins));
  const referenceShares = shares(ref, edges);
  const currentShares = shares(cur, edges);
  let total = 0;
  for (let b = 0; b < bins; b++) {
    const r = referenceShares[b];
    const c = currentShares[b];
    total += (c - r) * Math.log(c / r);
  }
  return { psi: total, edges, referenceShares, currentShares };
}

/** Shares of a sorted sample in the right-closed bins the edges delimit; a value x falls in bin #{edges < x}. */
function shares(sorted: Float64Array, edges: number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let b = 0;
  for (const x of sorted) {
    while (b < edges.length && edges[b] < x) b++;
    counts[b]++;
  }
  return counts.map((count) => (count === 0 ? PSI_EMPTY_BIN_SHARE : count / sorted.length));
}
