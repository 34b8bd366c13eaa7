// Two-sample Kolmogorov-Smirnov test: D = sup_x |F_a(x) − F_b(x)| over the empirical CDFs, and the asymptotic
// p-value Q(√(nm/(n+m)) · D) from the Kolmogorov distribution (scipy's kstwobign.sf). Note that scipy's own
// ks_2samp(method='asymp') now uses the finite-n kstwo.sf(D, round(nm/(n+m))) instead; Arbiter follows the
// textbook asymptotic formula, which the golden fixtures check against kstwobign.sf.
import { sortedSample } from './drift.error';

export interface KsResult {
  statistic: number;
  pValue: number;
}

export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): KsResult {
  const x = sortedSample(a, 'a');
  const y = sortedSample(b, 'b');
  const n = x.length;
  const m = y.length;
  // Walk both sorted samples together, stepping past every copy of the smaller value before comparing the
  // CDFs: evaluating only after a whole run of ties is what makes D right when values repeat (as ks_2samp's
  // searchsorted(side='right') does).
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const v = Math.min(x[i], y[j]);
    while (i < n && x[i] === v) i++;
    while (j < m && y[j] === v) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  return { statistic: d, pValue: kolmogorovSf(Math.sqrt((n * m) / (n + m)) * d) };
}

// Below this λ the alternating series converges slowly; the Jacobi-theta form of the CDF converges fast there.
// The same cut-over as scipy's cephes kolmogorov (KOLMOG_CUTOVER).
const CUTOVER = 0.82;

/**
 * Q(λ) = P(K > λ) = 2 Σ_{j≥1} (−1)^{j−1} e^{−2j²λ²}, the survival function of the Kolmogorov distribution
 * (scipy.stats.kstwobign.sf). For small λ it is computed as 1 − √(2π)/λ · Σ_{k odd} e^{−k²π²/(8λ²)}; λ ≤ 0 gives 1.
 */
export function kolmogorovSf(lambda: number): number {
  if (Number.isNaN(lambda)) return NaN;
  if (lambda <= 0) return 1;
  if (lambda < CUTOVER) {
    const w = -(Math.PI * Math.PI) / (8 * lambda * lambda);
    let cdf = 0;
    for (let k = 1; k < 200; k += 2) {
      const term = Math.exp(k * k * w);
      cdf += term;
      if (term < 1e-17 * cdf) break;
    }
    return 1 - (Math.sqrt(2 * Math.PI) / lambda) * cdf;
  }
  let sf = 0;
  for (let j = 1; j < 200; j++) {
    const term = Math.exp(-2 * j * j * lambda * lambda);
    sf += j % 2 === 1 ? term : -term;
    if (term < 1e-17 * sf) break;
  }
  return Math.min(1, Math.max(0, 2 * sf));
}
