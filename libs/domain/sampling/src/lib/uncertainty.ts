// What the three uncertainty strategies (least confidence, margin, entropy) share: their options, input
// checks, and the bounded heap their scoring loop feeds. Each strategy keeps its own loop over the rows, so
// the per-row work stays a few inlined comparisons with no call through a scoring function.
import { assertBatchSize, countOutside, type Matrix, type RowSet, toRowMajor, toRowMask } from './inputs';
import { TopScores } from './top-scores';

export interface UncertaintyOptions {
  /** n × k class probabilities: number[][], or row-major Float32Array / Float64Array with `numClasses`. */
  probs: Matrix;
  batchSize: number;
  /** Rows never returned (already labeled, queued elsewhere): a Set of indices or an n-long mask. */
  exclude?: RowSet;
  /** k, required with a typed array. */
  numClasses?: number;
}

export interface PreparedRows {
  values: Float32Array | Float64Array;
  n: number;
  k: number;
  /** 1 for excluded rows, or null when nothing is excluded. */
  skip: Uint8Array | null;
  top: TopScores;
}

export function prepareUncertainty({ probs, batchSize, exclude, numClasses }: UncertaintyOptions): PreparedRows {
  assertBatchSize(batchSize);
  const { values, n, width: k } = toRowMajor('probs', probs, 'numClasses', numClasses, 2);
  const skip = toRowMask('exclude', exclude, n);
  return { values, n, k, skip, top: new TopScores(Math.min(batchSize, countOutside(skip, n))) };
}
