// The per-class rule that keeps a class's running train/valid/test counts near the ratios as its items arrive one
// (or one group) at a time. Kept apart from the assignment so the spec can check the rule's bound on its own.

export type SplitName = 'train' | 'valid' | 'test';

/** The fixed order splits are tried in, which also breaks ties between equal deficits. */
export const SPLIT_NAMES: readonly SplitName[] = ['train', 'valid', 'test'];

export interface SplitRatios {
  train: number;
  valid: number;
  test: number;
}

export type SplitTally = Record<SplitName, number>;

const RATIO_SUM_TOLERANCE = 1e-9;

/** Throws a RangeError unless every ratio is a finite number in [0, 1] and they add up to 1. */
export function checkRatios(ratios: SplitRatios): void {
  for (const split of SPLIT_NAMES) {
    const ratio = ratios[split];
    if (typeof ratio !== 'number' || !Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
      throw new RangeError(`split ratio ${split} must be a number in [0, 1], got ${ratio}`);
    }
  }
  const sum = ratios.train + ratios.valid + ratios.test;
  if (Math.abs(sum - 1) > RATIO_SUM_TOLERANCE) {
    throw new RangeError(
      `split ratios must add up to 1, got train ${ratios.train} + valid ${ratios.valid} + test ${ratios.test} = ${sum}`,
    );
  }
}

/**
 * The split whose count lags its share most once `weight` more items of the class arrive: the s maximizing
 * ratio_s · (n + weight) − count_s, n being the class's items so far; ties go to the earlier split in SPLIT_NAMES.
 * A split with ratio 0 is never picked. With weight 1 this is the sequential "largest deficit" rule: over every
 * prefix of a class's items each split's count stays strictly within 1 of ratio · n. That is not a theorem we cite
 * for three splits but a brute-force check (largest-deficit.spec.ts; the worst seen over ~10^5 random ratio
 * triples is about 0.83), so if a fourth split is ever added, recheck it or switch to Tijdeman's rule.
 */
export function largestDeficitSplit({
  ratios,
  tally,
  weight,
}: {
  ratios: SplitRatios;
  tally: SplitTally;
  weight: number;
}): SplitName {
  const n = tally.train + tally.valid + tally.test;
  let best: SplitName | null = null;
  let bestDeficit = -Infinity;
  for (const split of SPLIT_NAMES) {
    if (ratios[split] <= 0) continue;
    const deficit = ratios[split] * (n + weight) - tally[split];
    if (deficit > bestDeficit) {
      best = split;
      bestDeficit = deficit;
    }
  }
  // checkRatios guarantees a positive ratio, so best is set; the throw only guards a caller that skipped it.
  if (best === null) throw new RangeError('split ratios must give at least one split a positive share');
  return best;
}
