// Cohen's kappa for two raters, unweighted or with linear/quadratic disagreement weights, defined exactly as
// scikit-learn's cohen_kappa_score (sklearn/metrics/_classification.py):
//   κ = 1 − Σ w_ij·O_ij / Σ w_ij·E_ij,  E_ij = row_i·col_j / N,
//   w_ij = [i≠j] (none), |i−j| (linear), (i−j)² (quadratic), i and j being POSITIONS in `labels`, not values.
// Cohen (1960) for the unweighted form, Cohen (1968) for weighted kappa.
import {
  finiteOrNull,
  invalidLabels,
  invalidWeights,
  isFiniteNumber,
  KappaWeights,
  Rating,
} from './coefficient-result';

export interface CohensKappaOptions {
  weights?: KappaWeights;
  /** Label set and order; default: sorted union of the values in the pairs kept. */
  labels?: number[];
}

export interface CohensKappaResult {
  value: number | null;
  reason?: string;
  /** Pairs used: both rated, both values in `labels`. */
  n: number;
  /** Observed agreement p_o (weighted: 1 − Σw·p_ij / w_max, Cohen 1968 agreement weights). */
  observed?: number;
  /** Chance agreement p_e, on the same scale, so that κ = (p_o − p_e) / (1 − p_e). */
  expected?: number;
}

export function cohensKappa(a: Rating[], b: Rating[], options: CohensKappaOptions = {}): CohensKappaResult {
  if (!Array.isArray(a) || !Array.isArray(b)) return { value: null, reason: 'ratings must be arrays', n: 0 };
  if (a.length !== b.length) {
    return { value: null, reason: `ratings have different lengths (${a.length} and ${b.length})`, n: 0 };
  }
  const bad = invalidWeights(options.weights) ?? invalidLabels(options.labels);
  if (bad) return { value: null, reason: bad, n: 0 };
  const pairs: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === null || y === null) continue;
    if (!isFiniteNumber(x) || !isFiniteNumber(y)) {
      return { value: null, reason: `rating ${i} is neither null nor a finite number`, n: 0 };
    }
    pairs.push(x, y);
  }
  const labels = options.labels ?? [...new Set(pairs)].sort((p, q) => p - q);
  const index = new Map(labels.map((l, i) => [l, i]));
  const k = labels.length;
  const confusion = new Float64Array(k * k);
  for (let p = 0; p < pairs.length; p += 2) {
    const i = index.get(pairs[p]);
    const j = index.get(pairs[p + 1]);
    // sklearn's confusion_matrix silently drops pairs with a value outside `labels`.
    if (i !== undefined && j !== undefined) confusion[i * k + j] += 1;
  }
  return kappaFromConfusion(confusion, k, options.weights ?? 'none');
}

/** κ from a k×k confusion matrix (row = first rater, column = second), row-major. */
export function kappaFromConfusion(confusion: Float64Array, k: number, weights: KappaWeights): CohensKappaResult {
  const rows = new Float64Array(k);
  const cols = new Float64Array(k);
  let n = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const c = confusion[i * k + j];
      rows[i] += c;
      cols[j] += c;
      n += c;
    }
  }
  if (n === 0) return { value: null, reason: 'no pair rated by both raters', n: 0 };
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = weight(i, j, weights);
      if (w === 0) continue;
      observed += w * confusion[i * k + j];
      expected += (w * rows[i] * cols[j]) / n;
    }
  }
  if (expected === 0) {
    return { value: null, reason: 'a single category in use: chance agreement is 1, kappa is 0/0', n };
  }
  const wMax = weights === 'none' ? 1 : weight(0, k - 1, weights);
  return {
    value: finiteOrNull(1 - observed / expected),
    n,
    observed: 1 - observed / (n * wMax),
    expected: 1 - expected / (n * wMax),
  };
}

function weight(i: number, j: number, weights: KappaWeights): number {
  if (weights === 'linear') return Math.abs(i - j);
  if (weights === 'quadratic') return (i - j) * (i - j);
  return i === j ? 0 : 1;
}
