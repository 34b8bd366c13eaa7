// The two ways parameters are fitted: logistic regression by L-BFGS to convergence on its convex objective, the
// MLP by full-batch Adam with early stopping on the validation slice (keeping the weights with the lowest
// validation loss). The objective's value and gradient always come from TF.js.
import type { Scalar, Variable } from '@tensorflow/tfjs';
import { minimiseLbfgs } from './lbfgs';
import type { Parameters } from './model-weights';
import { tf } from './tf-backend';

export interface FitProblem {
  params: Parameters;
  /** The training objective (mean weighted log-loss + penalty) as a TF.js scalar. */
  loss: () => Scalar;
  /** Validation mean log-loss, or null when there is no validation slice. */
  validationLoss: () => number | null;
  maxSteps: number;
  learningRate: number;
}

const PATIENCE = 8;
const ADAM_EVAL_EVERY = 10;

export interface FitResult {
  steps: number;
  validationLoss: number | null;
}

/** Logistic regression: L-BFGS to convergence (the objective is convex and penalised; no early stopping). */
export function fitByLbfgs(problem: Pick<FitProblem, 'params' | 'loss' | 'maxSteps'>): { steps: number } {
  const vars = Object.values(problem.params);
  const evaluate = (theta: Float64Array) => {
    assign(vars, theta);
    const { value, grads } = tf.variableGrads(problem.loss, vars);
    const gradient = flatten(vars.map((v) => grads[v.name].dataSync() as Float32Array));
    const loss = value.dataSync()[0];
    tf.dispose([value, ...Object.values(grads)]);
    return { loss, gradient };
  };
  const result = minimiseLbfgs({ evaluate }, flatten(vars.map((v) => v.dataSync() as Float32Array)), { maxIterations: problem.maxSteps });
  assign(vars, result.theta);
  return { steps: result.iterations };
}

export function fitByAdam(problem: FitProblem): FitResult {
  const optimizer = tf.train.adam(problem.learningRate);
  const vars = Object.values(problem.params);
  let best = { loss: Infinity, step: 0, saved: vars.map((v) => v.dataSync().slice() as Float32Array) };
  let steps = 0;
  try {
    for (; steps < problem.maxSteps; steps++) {
      const cost = optimizer.minimize(problem.loss, true, vars);
      if (cost) cost.dispose();
      if ((steps + 1) % ADAM_EVAL_EVERY) continue;
      const v = problem.validationLoss();
      if (v === null) continue;
      if (v < best.loss - 1e-6) best = { loss: v, step: steps + 1, saved: vars.map((x) => x.dataSync().slice() as Float32Array) };
      else if ((steps + 1 - best.step) / ADAM_EVAL_EVERY >= PATIENCE) break;
    }
  } finally {
    optimizer.dispose();
  }
  if (!best.step) return { steps, validationLoss: problem.validationLoss() };
  vars.forEach((v, i) => v.assign(tf.tensor(best.saved[i], v.shape)));
  return { steps: best.step, validationLoss: best.loss };
}

function flatten(parts: Float32Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function assign(vars: Variable[], theta: Float64Array) {
  let at = 0;
  for (const v of vars) {
    const size = v.size;
    tf.tidy(() => v.assign(tf.tensor(Float32Array.from(theta.subarray(at, at + size)), v.shape)));
    at += size;
  }
}
