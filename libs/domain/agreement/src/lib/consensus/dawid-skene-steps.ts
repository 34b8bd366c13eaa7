// The two halves of one Dawid-Skene EM round over packed judgements: parameters from posteriors (M-step) and
// posteriors from parameters (E-step). Each is one pass over the judgements and allocates nothing.
import type { JudgementColumns } from './judgement-columns';

/** 'full': a free k × k confusion matrix per worker (Dawid & Skene 1979). 'one-coin': one accuracy per worker,
 * errors spread evenly over the other classes — k² - 1 fewer parameters per worker. */
export type WorkerModel = 'full' | 'one-coin';

export interface DawidSkeneParameters {
  confusion: Float64Array; // m × k × k, [worker][true][observed]
  logConfusion: Float64Array;
  prior: Float64Array;
  logPrior: Float64Array;
}

export function createParameters(m: number, k: number): DawidSkeneParameters {
  const cells = m * k * k;
  return {
    confusion: new Float64Array(cells),
    logConfusion: new Float64Array(cells),
    prior: new Float64Array(k),
    logPrior: new Float64Array(k),
  };
}

// One coin: accuracy = posterior-weighted correct / total, smoothed with the same pseudo-counts as the full
// matrix (alpha per cell), so a worker with no judgements gets the uniform matrix under either model.
function collapseToOneCoin(confusion: Float64Array, m: number, k: number, alpha: number): void {
  for (let w = 0; w < m; w++) {
    const base = w * k * k;
    let correct = 0;
    let total = 0;
    for (let x = 0; x < k * k; x++) total += confusion[base + x];
    for (let t = 0; t < k; t++) correct += confusion[base + t * k + t];
    const accuracy = (correct + k * alpha) / (total + k * k * alpha);
    const miss = k > 1 ? (1 - accuracy) / (k - 1) : 0;
    for (let t = 0; t < k; t++) for (let o = 0; o < k; o++) confusion[base + t * k + o] = t === o ? accuracy : miss;
  }
}

/** M-step: class prior and confusion from posterior-weighted counts plus `alpha` pseudo-counts (no zeros). */
export function updateParameters(
  cols: JudgementColumns,
  posterior: Float64Array,
  alpha: number,
  workerModel: WorkerModel,
  params: DawidSkeneParameters,
): void {
  const { n, m, k, item, worker, label, perItem } = cols;
  const { confusion, logConfusion, prior, logPrior } = params;
  confusion.fill(0);
  prior.fill(0);
  for (let j = 0; j < item.length; j++) {
    const cell = worker[j] * k * k + label[j];
    const row = item[j] * k;
    for (let t = 0; t < k; t++) confusion[cell + t * k] += posterior[row + t];
  }
  let judged = 0;
  for (let i = 0; i < n; i++) {
    if (perItem[i] === 0) continue; // an unjudged item's posterior is the prior itself: no information
    judged++;
    for (let t = 0; t < k; t++) prior[t] += posterior[i * k + t];
  }
  for (let t = 0; t < k; t++) {
    prior[t] = (prior[t] + alpha) / (judged + k * alpha);
    logPrior[t] = Math.log(prior[t]);
  }
  if (workerModel === 'one-coin') {
    collapseToOneCoin(confusion, m, k, alpha);
  } else {
    for (let row = 0; row < m * k; row++) {
      let total = 0;
      for (let o = 0; o < k; o++) total += confusion[row * k + o];
      for (let o = 0; o < k; o++) confusion[row * k + o] = (confusion[row * k + o] + alpha) / (total + k * alpha);
    }
  }
  for (let x = 0; x < confusion.length; x++) logConfusion[x] = Math.log(confusion[x]);
}

/** E-step in log space: log prior + Σ log confusion[w][t][observed], normalised by log-sum-exp so a long run
 * of small probabilities cannot underflow to 0/0. Writes into `out`; returns the data log-likelihood. */
export function updatePosteriors(cols: JudgementColumns, params: DawidSkeneParameters, out: Float64Array): number {
  const { n, k, item, worker, label, perItem } = cols;
  const { logConfusion, logPrior } = params;
  for (let i = 0; i < n; i++) out.set(logPrior, i * k);
  for (let j = 0; j < item.length; j++) {
    const cell = worker[j] * k * k + label[j];
    const row = item[j] * k;
    for (let t = 0; t < k; t++) out[row + t] += logConfusion[cell + t * k];
  }
  let logLikelihood = 0;
  for (let i = 0; i < n; i++) {
    const row = i * k;
    let max = -Infinity;
    for (let t = 0; t < k; t++) if (out[row + t] > max) max = out[row + t];
    let sum = 0;
    for (let t = 0; t < k; t++) {
      out[row + t] = Math.exp(out[row + t] - max);
      sum += out[row + t];
    }
    for (let t = 0; t < k; t++) out[row + t] /= sum;
    if (perItem[i] > 0) logLikelihood += max + Math.log(sum);
  }
  return logLikelihood;
}
