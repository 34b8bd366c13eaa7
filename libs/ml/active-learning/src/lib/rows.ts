// Small row helpers for the loop: a subset of CSR rows, and accuracy of argmax predictions.
import type { CsrMatrix } from '@arbiter/ml/features';

export function subsetRows(csr: CsrMatrix, rows: readonly number[]): CsrMatrix {
  const indptr = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (indptr[i + 1] = indptr[i] + csr.indptr[r + 1] - csr.indptr[r]));
  const indices = new Int32Array(indptr[rows.length]);
  const data = new Float32Array(indptr[rows.length]);
  rows.forEach((r, i) => {
    indices.set(csr.indices.subarray(csr.indptr[r], csr.indptr[r + 1]), indptr[i]);
    data.set(csr.data.subarray(csr.indptr[r], csr.indptr[r + 1]), indptr[i]);
  });
  return { rows: rows.length, cols: csr.cols, indptr, indices, data };
}

/** Share of rows whose highest-probability class (the lower class on a tie) is the label. */
export function argmaxAccuracy(probs: Float32Array, k: number, labels: readonly number[]): number {
  let right = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (probs[i * k + c] > probs[i * k + best]) best = c;
    if (best === labels[i]) right++;
  }
  return labels.length ? right / labels.length : 0;
}
