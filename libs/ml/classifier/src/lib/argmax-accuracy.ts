// Accuracy of arg-max predictions over row-major probabilities: the one definition the classifier's metrics,
// the simulation's curve and the benchmarks share.

/** Share of rows whose highest-probability class (the lower class on a tie) is the label. */
export function argmaxAccuracy(probs: Float32Array, k: number, labels: ArrayLike<number>): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (probs[i * k + c] > probs[i * k + best]) best = c;
    if (best === labels[i]) right++;
  }
  return labels.length ? right / labels.length : 0;
}
