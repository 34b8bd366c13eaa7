// Sparse rows on the way into TF.js. The model keeps weights only for the hashed buckets its training rows use
// (a compact column space); any other bucket has weight zero, so prediction simply drops it.
import type { CsrMatrix } from '@arbiter/ml/features';

export type { CsrMatrix };

/** Maps hashed buckets to compact column numbers. */
export interface ColumnMap {
  /** The buckets kept, ascending; compact column c stands for bucket `buckets[c]`. */
  buckets: Int32Array;
  /** bucket → compact column, -1 where the bucket is not kept. */
  lookup: Int32Array;
}

export function columnMapOf(csr: CsrMatrix): ColumnMap {
  const seen = new Uint8Array(csr.cols);
  for (let e = 0; e < csr.indptr[csr.rows]; e++) seen[csr.indices[e]] = 1;
  return columnMapFromBuckets(Int32Array.from(seen.reduce<number[]>((acc, s, b) => (s ? (acc.push(b), acc) : acc), [])), csr.cols);
}

export function columnMapFromBuckets(buckets: Int32Array, cols: number): ColumnMap {
  const lookup = new Int32Array(cols).fill(-1);
  buckets.forEach((b, c) => (lookup[b] = c));
  return { buckets, lookup };
}

/** Rows of a CSR matrix in the compact column space of a model: plain typed arrays, no tensors. */
export interface SparseBatch {
  rows: number;
  cols: number;
  indptr: Int32Array;
  colIds: Int32Array;
  values: Float32Array;
}

/** Rows `from`..`to` of `csr` in the compact column space of `map` (buckets outside it are dropped). */
export function sparseBatch(csr: CsrMatrix, map: ColumnMap, from = 0, to = csr.rows): SparseBatch {
  const rows = to - from;
  let nnz = 0;
  for (let e = csr.indptr[from]; e < csr.indptr[to]; e++) if (map.lookup[csr.indices[e]] >= 0) nnz++;
  const indptr = new Int32Array(rows + 1);
  const colIds = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  let k = 0;
  for (let r = from; r < to; r++) {
    for (let e = csr.indptr[r]; e < csr.indptr[r + 1]; e++) {
      const c = map.lookup[csr.indices[e]];
      if (c < 0) continue;
      colIds[k] = c;
      values[k++] = csr.data[e];
    }
    indptr[r - from + 1] = k;
  }
  return { rows, cols: map.buckets.length, indptr, colIds, values };
}
