// The rows an LSA model is fitted on, held column by column (CSC) over a compact column map of the buckets they
// contain, never 2^18 wide. Column order makes both products of the randomized SVD stream the tall
// (buckets × width) operand sequentially and touch the small (rows × width) one at random, which fits in cache.
import { mulberry32, shuffledIndices } from '@arbiter/util/random';
import type { CsrMatrix } from './csr-matrix';

const { cos, sin, log, sqrt, PI } = Math;

export interface LsaSample {
  rows: number;
  /** Ascending buckets; compact column c is buckets[c]. */
  buckets: Int32Array;
  colptr: Int32Array;
  rowIndex: Int32Array;
  data: Float64Array;
}

/**
 * Up to `limit` non-empty rows, a seeded uniform sample when there are more, restricted to buckets that occur in at
 * least `minDf` sampled rows; a row left with no such bucket is not part of the sample.
 */
export function sampleForLsa(csr: CsrMatrix, limit: number, seed: number, minDf: number): LsaSample {
  const order = csr.rows > limit ? shuffledIndices(csr.rows, seed) : null;
  const chosen: number[] = [];
  for (let i = 0; i < csr.rows && chosen.length < limit; i++) {
    const r = order ? order[i] : i;
    if (csr.indptr[r + 1] > csr.indptr[r]) chosen.push(r);
  }
  chosen.sort((a, b) => a - b);

  const df = new Int32Array(csr.cols);
  for (const r of chosen) for (let k = csr.indptr[r]; k < csr.indptr[r + 1]; k++) df[csr.indices[k]]++;
  const compact = new Int32Array(csr.cols).fill(-1);
  const buckets: number[] = [];
  for (let b = 0; b < csr.cols; b++) {
    if (df[b] > 0 && df[b] >= minDf) {
      compact[b] = buckets.length;
      buckets.push(b);
    }
  }

  // Rows keep their rank among the chosen rows that still have a kept bucket.
  const colptr = new Int32Array(buckets.length + 1);
  let rows = 0;
  const rowOf = new Int32Array(chosen.length).fill(-1);
  chosen.forEach((r, i) => {
    let kept = 0;
    for (let k = csr.indptr[r]; k < csr.indptr[r + 1]; k++) {
      const c = compact[csr.indices[k]];
      if (c >= 0) {
        colptr[c + 1]++;
        kept++;
      }
    }
    if (kept > 0) rowOf[i] = rows++;
  });
  for (let c = 0; c < buckets.length; c++) colptr[c + 1] += colptr[c];
  const fill = colptr.slice(0, buckets.length);
  const rowIndex = new Int32Array(colptr[buckets.length]);
  const data = new Float64Array(colptr[buckets.length]);
  chosen.forEach((r, i) => {
    for (let k = csr.indptr[r]; k < csr.indptr[r + 1]; k++) {
      const c = compact[csr.indices[k]];
      if (c < 0) continue;
      rowIndex[fill[c]] = rowOf[i];
      data[fill[c]++] = csr.data[k];
    }
  });
  return { rows, buckets: Int32Array.from(buckets), colptr, rowIndex, data };
}

/** X · W for W (buckets × width, row-major) → rows × width. */
export function sampleTimes(x: LsaSample, w: Float64Array, width: number): Float64Array {
  const out = new Float64Array(x.rows * width);
  for (let c = 0; c < x.buckets.length; c++) {
    const wc = c * width;
    for (let k = x.colptr[c]; k < x.colptr[c + 1]; k++) {
      const v = x.data[k];
      const o = x.rowIndex[k] * width;
      for (let d = 0; d < width; d++) out[o + d] += v * w[wc + d];
    }
  }
  return out;
}

/** Xᵀ · W for W (rows × width, row-major) → buckets × width. */
export function sampleTransposeTimes(x: LsaSample, w: Float64Array, width: number): Float64Array {
  const out = new Float64Array(x.buckets.length * width);
  for (let c = 0; c < x.buckets.length; c++) {
    const oc = c * width;
    for (let k = x.colptr[c]; k < x.colptr[c + 1]; k++) {
      const v = x.data[k];
      const i = x.rowIndex[k] * width;
      for (let d = 0; d < width; d++) out[oc + d] += v * w[i + d];
    }
  }
  return out;
}

/**
 * X · Ω for a Gaussian test matrix Ω (buckets × width) drawn one bucket's row at a time (Box-Muller over the
 * project's seeded generator), so Ω is never stored.
 */
export function sampleTimesGaussian(x: LsaSample, width: number, seed: number): Float64Array {
  const random = mulberry32(seed);
  const omega = new Float64Array(width + 1);
  const out = new Float64Array(x.rows * width);
  for (let c = 0; c < x.buckets.length; c++) {
    for (let d = 0; d < width; d += 2) {
      const radius = sqrt(-2 * log(1 - random()));
      const angle = 2 * PI * random();
      omega[d] = radius * cos(angle);
      omega[d + 1] = radius * sin(angle);
    }
    for (let k = x.colptr[c]; k < x.colptr[c + 1]; k++) {
      const v = x.data[k];
      const o = x.rowIndex[k] * width;
      for (let d = 0; d < width; d++) out[o + d] += v * omega[d];
    }
  }
  return out;
}
