// Random sampling, the baseline every other strategy is measured against: a seeded uniform draw without
// replacement, reproducible on every platform.
import { shuffledIndices } from '@arbiter/util/random';
import { assertBatchSize, assertSeed, type RowSet, toRowMask } from './inputs';

export interface RandomSampleOptions {
  /** Pool size: rows 0..n-1. */
  n: number;
  batchSize: number;
  seed: number;
  /** Rows never returned: a Set of indices or an n-long mask. */
  exclude?: RowSet;
}

/**
 * The first batchSize non-excluded rows of one seeded permutation of 0..n-1. So a larger batch from the same seed
 * extends a smaller one, and excluding rows leaves the others in the same relative order.
 */
export function randomSample({ n, batchSize, seed, exclude }: RandomSampleOptions): number[] {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  assertBatchSize(batchSize);
  assertSeed(seed);
  const skip = toRowMask('exclude', exclude, n);
  const order = shuffledIndices(n, seed);
  const picked: number[] = [];
  for (let x = 0; x < n && picked.length < batchSize; x++) {
    if (skip === null || skip[order[x]] === 0) picked.push(order[x]);
  }
  return picked;
}
