// Expected calibration error as Guo et al. (2017) define it: rows binned by confidence (the top probability) into
// M equal-width bins on [0, 1]; ECE = Σ_b (|B_b| / n) · |accuracy(B_b) − mean confidence(B_b)|. Bin b is
// (b/M, (b+1)/M], closed on the right, and a confidence of 0 joins the first bin.

export interface ProbabilityRows {
  /** Row-major n × k probabilities. */
  probs: ArrayLike<number>;
  numClasses: number;
  labels: ArrayLike<number>;
  /** Number of equal-width bins, 15 as in Guo et al. */
  bins?: number;
}

export function expectedCalibrationError({ probs, numClasses: k, labels, bins = 15 }: ProbabilityRows): number {
  const n = labels.length;
  if (n === 0) return 0;
  const count = new Float64Array(bins);
  const correct = new Float64Array(bins);
  const confidence = new Float64Array(bins);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (probs[i * k + c] > probs[i * k + best]) best = c;
    const p = probs[i * k + best];
    const b = calibrationBin(p, bins);
    count[b]++;
    confidence[b] += p;
    if (best === labels[i]) correct[b]++;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]) ece += Math.abs(correct[b] - confidence[b]) / n;
  return ece;
}

/**
 * The bin b with b/M < p ≤ (b+1)/M, the edges being the doubles b/M; p ≤ 0 gives bin 0 and p > 1 the last.
 * ceil(p·M) − 1 alone misplaces a p one ulp above an edge (e.g. 1/3 + 2^-54 with M = 3), because p·M rounds down
 * onto the integer; the comparisons with the edges themselves settle it.
 */
export function calibrationBin(p: number, bins: number): number {
  let b = Math.min(bins - 1, Math.max(0, Math.ceil(p * bins) - 1));
  if (b > 0 && p <= b / bins) b--;
  else if (b < bins - 1 && p > (b + 1) / bins) b++;
  return b;
}
