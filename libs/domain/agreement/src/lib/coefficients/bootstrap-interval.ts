// Percentile bootstrap interval for any agreement statistic (Efron & Tibshirani 1993, ch. 13): resample the data
// with replacement `samples` times, recompute the statistic, and take the (1 − level)/2 and (1 + level)/2 quantiles
// of the replicates, interpolated linearly between order statistics (numpy.percentile's default, Hyndman & Fan
// type 7). Deterministic given the seed. Replicates where the statistic is undefined (null) are skipped.
import { isFiniteNumber } from './coefficient-result';
import { mulberry32 } from '@arbiter/util/random';

export interface BootstrapOptions {
  /** Number of resamples drawn. */
  samples: number;
  /** 32-bit integer seed. */
  seed: number;
  /** Coverage, e.g. 0.95. */
  level: number;
}

export interface BootstrapInterval {
  /** The statistic on the full data. */
  value: number | null;
  low: number | null;
  high: number | null;
  /** Replicates where the statistic was defined. */
  samples: number;
  reason?: string;
}

/** Errors thrown by `fn` itself propagate: they are the caller's bug, not a property of the data. */
export function bootstrapInterval<T>(
  fn: (sample: T[]) => number | null,
  data: T[],
  options: BootstrapOptions,
): BootstrapInterval {
  const fail = (reason: string, value: number | null = null): BootstrapInterval => ({
    value,
    low: null,
    high: null,
    samples: 0,
    reason,
  });
  if (typeof fn !== 'function' || !Array.isArray(data)) return fail('fn must be a function and data an array');
  const { samples, seed, level } = options ?? {};
  if (!Number.isInteger(samples) || samples < 1) return fail('samples must be a positive integer');
  if (!Number.isInteger(seed)) return fail('seed must be an integer');
  if (!isFiniteNumber(level) || level <= 0 || level >= 1) return fail('level must be between 0 and 1, exclusive');
  if (data.length === 0) return fail('no data');
  const value = defined(fn(data));
  if (value === null) return fail('the statistic is undefined on the full data');

  const random = mulberry32(seed);
  const replicates: number[] = [];
  for (let s = 0; s < samples; s++) {
    const sample = new Array<T>(data.length);
    for (let i = 0; i < data.length; i++) sample[i] = data[Math.floor(random() * data.length)];
    const replicate = defined(fn(sample));
    if (replicate !== null) replicates.push(replicate);
  }
  if (replicates.length === 0) return fail('the statistic is undefined on every resample', value);
  replicates.sort((a, b) => a - b);
  const alpha = (1 - level) / 2;
  return {
    value,
    low: quantile(replicates, alpha),
    high: quantile(replicates, 1 - alpha),
    samples: replicates.length,
  };
}

function defined(v: number | null): number | null {
  return isFiniteNumber(v) ? v : null;
}

/** Type-7 quantile of sorted values. */
function quantile(sorted: number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
