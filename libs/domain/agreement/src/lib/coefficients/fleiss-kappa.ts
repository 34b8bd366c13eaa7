// Fleiss' kappa for a fixed number of raters per item, as statsmodels.stats.inter_rater.fleiss_kappa
// (method='fleiss'), after Fleiss (1971) "Measuring nominal scale agreement among many raters":
//   P_i = (Σ_c n_ic² − m) / (m(m − 1)),  P̄ = mean P_i,  p_c = Σ_i n_ic / (N·m),  P̄e = Σ_c p_c²,
//   κ = (P̄ − P̄e) / (1 − P̄e).
import { finiteOrNull } from './coefficient-result';

export interface FleissKappaResult {
  value: number | null;
  reason?: string;
  /** Items (rows). */
  n: number;
  /** Raters per item (m). */
  raters: number;
  /** P̄, mean observed pairwise agreement per item. */
  observed?: number;
  /** P̄e, chance agreement from the category marginals. */
  expected?: number;
}

/** `counts[i][c]` = number of raters who put item i in category c. */
export function fleissKappa(counts: number[][]): FleissKappaResult {
  const fail = (reason: string): FleissKappaResult => ({ value: null, reason, n: 0, raters: 0 });
  if (!Array.isArray(counts) || counts.length === 0) return fail('no items');
  const first = counts[0];
  if (!Array.isArray(first) || first.length === 0) return fail('item 0 has no categories');
  const k = first.length;
  const totals = new Float64Array(k);
  let m = -1;
  let sumP = 0;
  for (let i = 0; i < counts.length; i++) {
    const row = counts[i];
    if (!Array.isArray(row) || row.length !== k) return fail(`item ${i} does not have ${k} categories`);
    let raters = 0;
    let squares = 0;
    for (let c = 0; c < k; c++) {
      const x = row[c];
      if (!Number.isInteger(x) || x < 0) return fail(`count [${i}][${c}] is not a non-negative integer`);
      raters += x;
      squares += x * x;
      totals[c] += x;
    }
    if (m === -1) m = raters;
    else if (raters !== m) return fail(`unequal raters per item (${m} for item 0, ${raters} for item ${i})`);
    if (m < 2) return { ...fail('fewer than two raters per item'), n: counts.length, raters: m };
    sumP += (squares - m) / (m * (m - 1));
  }
  const n = counts.length;
  const observed = sumP / n;
  let expected = 0;
  for (let c = 0; c < k; c++) {
    const p = totals[c] / (n * m);
    expected += p * p;
  }
  if (expected >= 1) {
    return { value: null, reason: 'a single category in use: chance agreement is 1, kappa is 0/0', n, raters: m };
  }
  return { value: finiteOrNull((observed - expected) / (1 - expected)), n, raters: m, observed, expected };
}
