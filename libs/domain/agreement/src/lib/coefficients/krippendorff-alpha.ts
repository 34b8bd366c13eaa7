// Krippendorff's alpha for any number of raters with missing ratings, by the coincidence-matrix algorithm of
// Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability", matching the `krippendorff` Python package
// (value domain = sorted distinct values seen):
//   o_ck = Σ_u Σ_{r≠s} [v_ru = c][v_su = k] / (m_u − 1)  over units with m_u ≥ 2 values,  n_c = Σ_k o_ck,
//   α = 1 − (n − 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
import { finiteOrNull, Rating } from './coefficient-result';
import { buildValueIndex } from './value-index';

export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

export interface KrippendorffAlphaOptions {
  level: MeasurementLevel;
}

export interface KrippendorffAlphaResult {
  value: number | null;
  reason?: string;
  /** Pairable values n (ratings in units with at least two ratings). */
  n: number;
  /** Pairable units. */
  units: number;
  /** Observed disagreement D_o = Σ o_ck δ²_ck / n. */
  observed?: number;
  /** Expected disagreement D_e = Σ n_c n_k δ²_ck / (n (n − 1)); α = 1 − D_o / D_e. */
  expected?: number;
}

const LEVELS: readonly string[] = ['nominal', 'ordinal', 'interval', 'ratio'];

/** `reliability[r][i]` = rater r's value for unit i, null when r did not rate i. */
export function krippendorffAlpha(reliability: Rating[][], options: KrippendorffAlphaOptions): KrippendorffAlphaResult {
  const fail = (reason: string): KrippendorffAlphaResult => ({ value: null, reason, n: 0, units: 0 });
  if (!options || !LEVELS.includes(options.level)) {
    return fail("level must be 'nominal', 'ordinal', 'interval' or 'ratio'");
  }
  if (!Array.isArray(reliability) || !reliability.every(Array.isArray)) {
    return fail('reliability must be an array of arrays');
  }
  const raters = reliability.length;
  if (raters < 2) return fail('fewer than two raters');
  const unitCount = reliability[0].length;
  for (let r = 0; r < raters; r++) {
    const length = reliability[r].length;
    if (length !== unitCount) return fail(`rater ${r} has ${length} values, rater 0 has ${unitCount}`);
  }
  const index = buildValueIndex(reliability);
  if ('reason' in index) return fail(index.reason);
  const { values, indexOf } = index;
  const V = values.length;
  if (V < 2) return fail(V === 0 ? 'no ratings' : 'a single value in use: expected disagreement is 0, alpha is 0/0');

  // One pass over the units; per unit, only the distinct values it holds are visited (O(m_u²), not O(V²)).
  const o = new Float64Array(V * V);
  // n_c counted as integers (rather than as row sums of o) keeps n and the marginals exact.
  const nc = new Float64Array(V);
  const counts = new Int32Array(V);
  const touched = new Int32Array(raters);
  let units = 0;
  for (let u = 0; u < unitCount; u++) {
    let m = 0;
    let t = 0;
    for (let r = 0; r < raters; r++) {
      const v = reliability[r][u];
      if (v === null) continue;
      const c = indexOf(v);
      if (counts[c] === 0) touched[t++] = c;
      counts[c]++;
      m++;
    }
    if (m >= 2) {
      units++;
      const inv = 1 / (m - 1);
      for (let x = 0; x < t; x++) {
        const c = touched[x];
        const count = counts[c];
        nc[c] += count;
        o[c * V + c] += count * (count - 1) * inv;
        for (let y = 0; y < t; y++) if (y !== x) o[c * V + touched[y]] += count * counts[touched[y]] * inv;
      }
    }
    for (let x = 0; x < t; x++) counts[touched[x]] = 0;
  }
  if (units === 0) return fail('no pairable unit (no unit has two or more ratings)');
  return alphaFromCoincidences(o, nc, values, options.level, units);
}

/** α from the V×V coincidence matrix o and its marginals n_c over the sorted value domain. */
function alphaFromCoincidences(
  o: Float64Array,
  nc: Float64Array,
  values: Float64Array,
  level: MeasurementLevel,
  units: number,
): KrippendorffAlphaResult {
  const V = values.length;
  let n = 0;
  for (let c = 0; c < V; c++) n += nc[c];
  // Ordinal distances need cumulative marginals: Σ_{g=c..k} n_g = cum[k + 1] − cum[c].
  const cum = new Float64Array(V + 1);
  for (let c = 0; c < V; c++) cum[c + 1] = cum[c] + nc[c];
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < V; c++) {
    for (let k = 0; k < V; k++) {
      if (c === k) continue;
      const d = distance(c, k, values, cum, nc, level);
      observed += o[c * V + k] * d;
      expected += nc[c] * nc[k] * d;
    }
  }
  if (expected === 0) {
    return { value: null, reason: 'a single value is pairable: expected disagreement is 0, alpha is 0/0', n, units };
  }
  return {
    value: finiteOrNull(1 - ((n - 1) * observed) / expected),
    n,
    units,
    observed: observed / n,
    expected: expected / (n * (n - 1)),
  };
}

// Krippendorff's squared difference functions δ²_ck (2011, section C).
function distance(
  c: number,
  k: number,
  values: Float64Array,
  cum: Float64Array,
  nc: Float64Array,
  level: MeasurementLevel,
): number {
  if (level === 'nominal') return 1;
  if (level === 'ordinal') {
    const lo = Math.min(c, k);
    const hi = Math.max(c, k);
    const between = cum[hi + 1] - cum[lo] - (nc[lo] + nc[hi]) / 2;
    return between * between;
  }
  const diff = values[c] - values[k];
  if (level === 'interval') return diff * diff;
  const sum = values[c] + values[k];
  // The krippendorff package defines the ratio distance as 0 when c + k = 0.
  return sum === 0 ? 0 : (diff / sum) * (diff / sum);
}
