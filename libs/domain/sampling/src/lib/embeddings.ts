// Embedding rows for the diversity strategies: validation and squared Euclidean distances. Squared distances
// order rows exactly as distances do, without a square root per pair.
import { assertFinite, type Matrix, type RowMajor, toRowMajor } from './inputs';

export function toEmbeddings(embeddings: Matrix, dim: number | undefined, checkRows?: ArrayLike<number>): RowMajor {
  const rows = toRowMajor('embeddings', embeddings, 'dim', dim, 1);
  assertFinite('embeddings', rows, checkRows);
  return rows;
}

/** Squared Euclidean distance between a[ai .. ai + d) and b[bi .. bi + d). */
export function squaredDistance(a: Float32Array | Float64Array, ai: number, b: Float32Array | Float64Array, bi: number, d: number): number {
  let sum = 0;
  for (let j = 0; j < d; j++) {
    const diff = a[ai + j] - b[bi + j];
    sum += diff * diff;
  }
  return sum;
}

/** Lowers nearest[i] to the squared distance from row i to row `to`, for every row. */
export function lowerNearest({ values, n, width: d }: RowMajor, to: number, nearest: Float64Array): void {
  const at = to * d;
  for (let i = 0, x = 0; i < n; i++, x += d) {
    const dist = squaredDistance(values, x, values, at, d);
    if (dist < nearest[i]) nearest[i] = dist;
  }
}
