// The annotator × annotator matrix: Cohen's kappa, raw percent agreement and overlap for every pair of raters,
// on the items both rated. One label set for the whole matrix (default: sorted union of all labels), so weighted
// cells are comparable: each cell equals cohensKappa(a, b, { weights, labels }) on that pair's shared items.
// Diagonal: a rater against themself, by the same definitions — n = items rated, agreement = 1, kappa = 1, except
// null when the rater used a single label (κ is 0/0 there, as in scikit-learn; we do not invent a 1).
import { invalidLabels, invalidWeights, isFiniteNumber, KappaWeights } from './coefficient-result';
import { kappaFromConfusion } from './cohens-kappa';

export interface PairwiseAnnotation {
  item: string | number;
  rater: string;
  label: number;
}

export interface PairwiseAgreementOptions {
  weights?: KappaWeights;
  labels?: number[];
}

export interface PairwiseAgreementMatrix {
  /** Sorted rater ids; the row and column order of every matrix. */
  raters: string[];
  kappa: (number | null)[][];
  /** Items both raters rated (with labels in the label set). */
  n: number[][];
  /** Share of those items given the same label; null when n = 0. */
  agreement: (number | null)[][];
  /**
   * Light's kappa (Light 1971): the mean of the defined off-diagonal Cohen's kappas, a one-number summary of
   * the matrix; null when no pair of raters shares an item.
   */
  value: number | null;
  /** Set when value is null or the input is empty or malformed (the matrices are then empty). */
  reason?: string;
}

export function pairwiseAgreementMatrix(
  annotations: PairwiseAnnotation[],
  options: PairwiseAgreementOptions = {},
): PairwiseAgreementMatrix {
  const fail = (reason: string): PairwiseAgreementMatrix => ({ value: null, raters: [], kappa: [], n: [], agreement: [], reason });
  if (!Array.isArray(annotations)) return fail('annotations must be an array');
  if (annotations.length === 0) return fail('no annotations');
  const bad = invalidWeights(options.weights) ?? invalidLabels(options.labels);
  if (bad) return fail(bad);
  for (const [i, a] of annotations.entries()) {
    const itemOk = a && (typeof a.item === 'string' || isFiniteNumber(a.item));
    if (!itemOk || typeof a.rater !== 'string' || !isFiniteNumber(a.label)) {
      return fail(`annotation ${i} needs a string rater, a string or finite item and a finite label`);
    }
  }
  const raters = [...new Set(annotations.map((a) => a.rater))].sort();
  const labels = options.labels ?? [...new Set(annotations.map((a) => a.label))].sort((p, q) => p - q);
  const raterIndex = new Map(raters.map((r, i) => [r, i]));
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const itemIndex = new Map<string | number, number>();
  for (const a of annotations) if (!itemIndex.has(a.item)) itemIndex.set(a.item, itemIndex.size);

  // byRater[r][item] = label position + 1; 0 = not rated; −1 = label outside the set (dropped, as sklearn does).
  const byRater = raters.map(() => new Int32Array(itemIndex.size));
  const rated = raters.map((): number[] => []);
  for (const a of annotations) {
    const r = raterIndex.get(a.rater) as number;
    const item = itemIndex.get(a.item) as number;
    const label = labelIndex.get(a.label);
    if (byRater[r][item] !== 0) {
      return fail(`rater ${a.rater} labelled item ${String(a.item)} more than once`);
    }
    byRater[r][item] = label === undefined ? -1 : label + 1;
    if (label !== undefined) rated[r].push(item);
  }

  const R = raters.length;
  const k = labels.length;
  const kappa = raters.map(() => new Array<number | null>(R).fill(null));
  const n = raters.map(() => new Array<number>(R).fill(0));
  const agreement = raters.map(() => new Array<number | null>(R).fill(null));
  const confusion = new Float64Array(k * k);
  for (let i = 0; i < R; i++) {
    for (let j = i; j < R; j++) {
      confusion.fill(0);
      let same = 0;
      for (const item of rated[i]) {
        const y = byRater[j][item];
        if (y <= 0) continue;
        const x = byRater[i][item];
        confusion[(x - 1) * k + (y - 1)] += 1;
        if (x === y) same++;
      }
      const cell = kappaFromConfusion(confusion, k, options.weights ?? 'none');
      // Kappa is symmetric in the raters; mirroring keeps the matrix exactly symmetric.
      kappa[i][j] = kappa[j][i] = cell.value;
      n[i][j] = n[j][i] = cell.n;
      agreement[i][j] = agreement[j][i] = cell.n === 0 ? null : same / cell.n;
    }
  }
  const pairs: number[] = [];
  for (let i = 0; i < raters.length; i++) {
    for (let j = i + 1; j < raters.length; j++) {
      const k = kappa[i][j];
      if (k !== null) pairs.push(k);
    }
  }
  if (!pairs.length) return { value: null, reason: 'no pair of raters has a defined kappa', raters, kappa, n, agreement };
  return { value: pairs.reduce((s, k) => s + k, 0) / pairs.length, raters, kappa, n, agreement };
}
