// Calibrated class probabilities for any number of rows, in chunks (a pool can hold a million items): one batched
// forward pass per chunk, never TF.js's default predict batch of 32, which makes WASM prediction 100× slower.
import { softmaxWithTemperature } from '@arbiter/domain/calibration';
import type { Tensor, Tensor2D } from '@tensorflow/tfjs';
import { forward } from './model-weights';
import { type CsrMatrix, sparseBatch } from './sparse-rows';
import { selectBackend, tf } from './tf-backend';
import type { DenseRows, TrainedClassifier } from './train-classifier';

const CHUNK_ROWS = 8192;

export interface PredictInput {
  model: TrainedClassifier;
  features: CsrMatrix;
  dense?: DenseRows;
  /** Skip temperature scaling (the raw softmax), e.g. to report calibration before and after. */
  uncalibrated?: boolean;
}

/** Row-major rows × k probabilities, softmax(logits / T) with the model's fitted temperature. */
export async function predictProba({ model, features, dense, uncalibrated }: PredictInput): Promise<Float32Array> {
  await selectBackend();
  const k = model.numClasses;
  const out = new Float32Array(features.rows * k);
  const params: Record<string, Tensor> = Object.fromEntries(Object.entries(model.weights).map(([name, w]) => [name, tf.tensor(w.data, w.shape)]));
  try {
    for (let from = 0; from < features.rows; from += CHUNK_ROWS) {
      const to = Math.min(features.rows, from + CHUNK_ROWS);
      const x = sparseBatch(features, model.columns, from, to);
      const logits = tf.tidy(() => {
        const d = dense && model.denseDim ? (tf.tensor2d(dense.data.subarray(from * dense.dim, to * dense.dim), [to - from, dense.dim]) as Tensor2D) : undefined;
        return forward(model.kind, params, x, d);
      });
      out.set(softmaxWithTemperature((await logits.data()) as Float32Array, k, uncalibrated ? 1 : model.temperature), from * k);
      logits.dispose();
    }
  } finally {
    tf.dispose(Object.values(params));
  }
  return out;
}
