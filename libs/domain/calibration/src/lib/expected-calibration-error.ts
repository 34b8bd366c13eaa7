// Expected calibration error as Guo et al. (2017) define it: rows binned by confidence (the top probability) into
// M equal-width bins on [0, 1]; ECE = Σ_b (|B_b| / n) · |accuracy(B_b) − mean confidence(B_b)|.

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
    // Bin b holds (b/M, (b+1)/M]; a confidence of exactly 0 joins the first bin.
    const b = Math.min(bins - 1, Math.max(0, Math.ceil(p * bins) - 1));
    count[b]++;
    confidence[b] += p;
    if (best === labels[i]) correct[b]++;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]) ece += Math.abs(correct[b] - confidence[b]) / n;
  return ece;
}
