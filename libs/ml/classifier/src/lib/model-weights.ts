// The trainable parameters of both model kinds and the forward pass that turns a batch of rows into logits.
import type { Tensor, Tensor2D, Variable } from '@tensorflow/tfjs';
import { sparseMatMul } from './sparse-matmul';
import type { SparseBatch } from './sparse-rows';
import { tf } from './tf-backend';

export type ModelKind = 'logreg' | 'mlp';

/** Named parameters: `sparse` (cols × out), optional `dense` (dim × out), `bias`; the MLP adds `hidden`, `hiddenBias`. */
export type Parameters = Record<string, Variable>;

/** Parameters whose squared norm is penalised (never a bias). */
const MLP_INIT_SCALE = 0.1;

export const PENALISED = ['sparse', 'dense', 'hidden'];

export interface Shape {
  kind: ModelKind;
  cols: number;
  denseDim: number;
  numClasses: number;
  hiddenUnits: number;
}

export function initialParameters(shape: Shape, seed: number): Parameters {
  const { kind, cols, denseDim, numClasses, hiddenUnits } = shape;
  const first = kind === 'mlp' ? hiddenUnits : numClasses;
  // Logistic regression starts at zero (a convex problem: the start does not matter); the MLP needs a random start.
  // Input rows have unit L2 norm, so a first-layer weight scale σ gives pre-activations of standard deviation σ.
  const init = (rows: number, width: number, s: number) =>
    kind === 'mlp' ? tf.randomNormal([rows, width], 0, MLP_INIT_SCALE, 'float32', s) : tf.zeros([rows, width]);
  const params: Parameters = {
    sparse: tf.variable(init(cols, first, seed) as Tensor2D, true, 'sparse'),
    bias: tf.variable(tf.zeros([first]), true, 'bias'),
  };
  if (denseDim > 0) params.dense = tf.variable(init(denseDim, first, seed + 1) as Tensor2D, true, 'dense');
  if (kind === 'mlp') {
    params.hidden = tf.variable(tf.randomNormal([hiddenUnits, numClasses], 0, Math.sqrt(2 / (hiddenUnits + numClasses)), 'float32', seed + 2), true, 'hidden');
    params.hiddenBias = tf.variable(tf.zeros([numClasses]), true, 'hiddenBias');
  }
  return params;
}

/** Logits for a batch: sparse rows (and their dense vectors, when the model has them). */
export function forward(kind: ModelKind, params: Record<string, Tensor>, x: SparseBatch, dense?: Tensor2D): Tensor2D {
  let z = tf.add(sparseMatMul(x, params.sparse as Tensor2D), params.bias) as Tensor2D;
  if (params.dense && dense) z = tf.add(z, tf.matMul(dense, params.dense as Tensor2D));
  if (kind === 'mlp') z = tf.add(tf.matMul(tf.relu(z), params.hidden as Tensor2D), params.hiddenBias) as Tensor2D;
  return z;
}
