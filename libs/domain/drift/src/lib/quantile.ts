// The p-quantile of a sorted sample exactly as numpy.quantile's default ('linear', Hyndman & Fan type 7) computes
// it: virtual index h = (n − 1)·p, interpolated between the order statistics at floor(h) and floor(h) + 1 with
// numpy's two-sided lerp, so results agree with numpy to the last bit rather than to a tolerance.
import { DriftError, DriftErrorCode } from './drift.error';

/** `sorted` must be ascending (not checked here: the callers sort), non-empty; p in [0, 1]. */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new DriftError(DriftErrorCode.EmptySample, 'sorted', 'quantile of an empty sample');
  if (!(p >= 0 && p <= 1)) {
    throw new DriftError(DriftErrorCode.InvalidProbability, 'p', `p must be in [0, 1], got ${p}`);
  }
  const h = (n - 1) * p;
  if (h >= n - 1) return sorted[n - 1];
  const lo = Math.floor(h);
  const gamma = h - lo;
  const a = sorted[lo];
  const b = sorted[lo + 1];
  const diff = b - a;
  // numpy's _lerp: interpolate from the nearer end, which keeps the result monotone and exact at gamma = 1.
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}
