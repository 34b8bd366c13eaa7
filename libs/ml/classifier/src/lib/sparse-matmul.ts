// X · W for a sparse X and a dense, trainable W, with its gradient Xᵀ · dY. TF.js has no sparse × dense product,
// and composing one from gather and segment sums runs at ~15M entries/s on WASM (the gather alone takes ~100 ms for
// a few thousand short texts), so both directions run as plain loops over typed arrays inside a custom gradient:
// everything downstream (loss, softmax, hidden layer, optimiser) stays TF.js and its autodiff.
import type { Tensor, Tensor2D } from '@tensorflow/tfjs';
import type { SparseBatch } from './sparse-rows';
import { tf } from './tf-backend';

export function sparseTimesDense(x: SparseBatch, w: Float32Array, k: number): Float32Array {
  const out = new Float32Array(x.rows * k);
  for (let r = 0; r < x.rows; r++) {
    const o = r * k;
    for (let e = x.indptr[r]; e < x.indptr[r + 1]; e++) {
      const v = x.values[e];
      const base = x.colIds[e] * k;
      for (let c = 0; c < k; c++) out[o + c] += v * w[base + c];
    }
  }
  return out;
}

export function sparseTransposeTimesDense(x: SparseBatch, dy: Float32Array, k: number): Float32Array {
  const out = new Float32Array(x.cols * k);
  for (let r = 0; r < x.rows; r++) {
    const o = r * k;
    for (let e = x.indptr[r]; e < x.indptr[r + 1]; e++) {
      const v = x.values[e];
      const base = x.colIds[e] * k;
      for (let c = 0; c < k; c++) out[base + c] += v * dy[o + c];
    }
  }
  return out;
}

export function sparseMatMul(x: SparseBatch, w: Tensor2D): Tensor2D {
  const op = tf.customGrad((...args: (Tensor | tf.GradSaveFunc)[]) => {
    const weights = args[0] as Tensor;
    const k = weights.shape[1] as number;
    const value = tf.tensor2d(sparseTimesDense(x, weights.dataSync() as Float32Array, k), [x.rows, k]);
    const gradFunc = (dy: Tensor) => tf.tensor2d(sparseTransposeTimesDense(x, dy.dataSync() as Float32Array, k), [x.cols, k]);
    return { value, gradFunc };
  });
  return op(w) as Tensor2D;
}
