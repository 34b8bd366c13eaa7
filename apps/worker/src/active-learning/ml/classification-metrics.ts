// Accuracy and macro-averaged F1 of predicted classes against true ones, as scikit-learn computes them
// (`accuracy_score`, `f1_score(average='macro')`): macro-F1 averages over the classes present in either the
// truth or the predictions, a class with no true positive scoring 0.

export interface ClassificationMetrics {
  accuracy: number | null;
  macroF1: number | null;
}

export function classificationMetrics({ truth, predicted }: { truth: ArrayLike<number>; predicted: ArrayLike<number> }): ClassificationMetrics {
  const n = truth.length;
  if (predicted.length !== n) throw new RangeError(`${predicted.length} predictions for ${n} labels`);
  if (n === 0) return { accuracy: null, macroF1: null };
  const tp = new Map<number, number>();
  const trueCount = new Map<number, number>();
  const predCount = new Map<number, number>();
  let right = 0;
  for (let i = 0; i < n; i++) {
    const t = truth[i];
    const p = predicted[i];
    trueCount.set(t, (trueCount.get(t) ?? 0) + 1);
    predCount.set(p, (predCount.get(p) ?? 0) + 1);
    if (t === p) {
      right++;
      tp.set(t, (tp.get(t) ?? 0) + 1);
    }
  }
  const classes = new Set([...trueCount.keys(), ...predCount.keys()]);
  let f1Sum = 0;
  for (const c of classes) {
    const hits = tp.get(c) ?? 0;
    // F1 = 2·TP / (2·TP + FP + FN) = 2·TP / (true count + predicted count).
    f1Sum += hits === 0 ? 0 : (2 * hits) / ((trueCount.get(c) ?? 0) + (predCount.get(c) ?? 0));
  }
  return { accuracy: right / n, macroF1: f1Sum / classes.size };
}

/** The arg-max class of each row of row-major rows × k probabilities (ties: the lower class). */
export function argMaxRows(probs: Float32Array, k: number): Int32Array {
  const out = new Int32Array(probs.length / k);
  for (let r = 0; r < out.length; r++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (probs[r * k + c] > probs[r * k + best]) best = c;
    out[r] = best;
  }
  return out;
}
