import { columnMapOf, sparseBatch } from './sparse-rows';
import { sparseMatMul } from './sparse-matmul';
import { selectBackend, tf } from './tf-backend';

describe('sparse × dense product inside TF.js autodiff', () => {
  beforeAll(() => selectBackend(), 60_000);

  it('computes X·W and Xᵀ·dY for hashed columns, worked by hand (empty last row included)', () => {
    // Rows over buckets 1, 3, 7 (compact columns 0, 1, 2): row 0 = 0.5·b1 + 2·b7, row 1 = −1·b1 + 3·b3, row 2 empty.
    const csr = { rows: 3, cols: 10, indptr: Int32Array.from([0, 2, 4, 4]), indices: Int32Array.from([1, 7, 1, 3]), data: Float32Array.from([0.5, 2, -1, 3]) };
    const x = sparseBatch(csr, columnMapOf(csr));
    const w = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    // Row 0: 0.5·[1, 2] + 2·[5, 6] = [10.5, 13]; row 1: −[1, 2] + 3·[3, 4] = [8, 10]; row 2: [0, 0].
    expect(Array.from(sparseMatMul(x, w).dataSync())).toEqual([10.5, 13, 8, 10, 0, 0]);
    // d/dW of Σ (XW ∘ G): b1 gets 0.5·G0 − G1, b3 gets 3·G1, b7 gets 2·G0.
    const g = tf.tensor2d([[1, 10], [100, 1000], [7, 7]]);
    const grad = tf.grad((v) => tf.sum(tf.mul(sparseMatMul(x, v as typeof w), g)))(w);
    expect(Array.from(grad.dataSync())).toEqual([-99.5, -995, 300, 3000, 2, 20]);
  }, 30_000);

  it('drops buckets the model never saw (their weight is zero)', () => {
    const train = { rows: 1, cols: 10, indptr: Int32Array.from([0, 1]), indices: Int32Array.from([2]), data: Float32Array.from([1]) };
    const unseen = { rows: 1, cols: 10, indptr: Int32Array.from([0, 2]), indices: Int32Array.from([2, 9]), data: Float32Array.from([1, 5]) };
    const x = sparseBatch(unseen, columnMapOf(train));
    expect(Array.from(sparseMatMul(x, tf.tensor2d([[4, -4]])).dataSync())).toEqual([4, -4]);
  }, 30_000);
});
