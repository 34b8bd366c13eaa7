// Dawid & Skene (1979) EM: learns each worker's confusion matrix and the class prior without gold labels,
// so reliable workers outvote careless or adversarial ones. Deterministic: starts from majority vote shares.
import type { ConsensusInput, ConsensusResult } from './consensus.types';
import { createParameters, updateParameters, updatePosteriors, type WorkerModel } from './dawid-skene-steps';
import { toJudgementColumns } from './judgement-columns';
import { voteShares } from './majority-vote';
import { summarisePosteriors } from './posterior-rows';

export type { WorkerModel } from './dawid-skene-steps';

export interface DawidSkeneOptions {
  /** EM rounds (one M-step then one E-step each), at least 1. Default 100. */
  maxIterations?: number;
  /** Converged once no posterior moves by this much or more in a round. Default 1e-6. */
  tolerance?: number;
  /** Dirichlet pseudo-count added to every confusion cell and prior class, > 0. Default 0.01. */
  smoothing?: number;
  /** How posteriors start: soft majority vote shares (the only choice; it keeps the fit deterministic). */
  init?: 'majority';
  /** Default 'full' (the 1979 model). 'one-coin' fits one accuracy per worker: far fewer parameters, which is
   * what keeps it at majority-vote level on crowdflower-weather, where the full model over-fits. */
  workerModel?: WorkerModel;
}

export interface DawidSkeneResult extends ConsensusResult {
  /** Per worker, k × k, row t = P(worker answers o | true class t); rows sum to 1. */
  workerConfusion: number[][][];
  classPrior: number[];
  /** EM rounds run. */
  iterations: number;
  converged: boolean;
  /** log P(judgements | classPrior, workerConfusion), summed over judged items, at the returned parameters. */
  logLikelihood: number;
}

function resolveOptions(options: DawidSkeneOptions): Required<DawidSkeneOptions> {
  const { maxIterations = 100, tolerance = 1e-6, smoothing = 0.01, init = 'majority', workerModel = 'full' } = options;
  if (!Number.isSafeInteger(maxIterations) || maxIterations < 1) {
    throw new RangeError(`maxIterations must be an integer >= 1, got ${maxIterations}`);
  }
  if (!(tolerance >= 0 && Number.isFinite(tolerance))) throw new RangeError(`tolerance must be >= 0, got ${tolerance}`);
  // Zero smoothing would allow log(0) = -Infinity and then NaN posteriors.
  if (!(smoothing > 0 && Number.isFinite(smoothing))) throw new RangeError(`smoothing must be > 0, got ${smoothing}`);
  if (init !== 'majority') throw new RangeError(`init must be 'majority', got ${String(init)}`);
  if (workerModel !== 'full' && workerModel !== 'one-coin') {
    throw new RangeError(`workerModel must be 'full' or 'one-coin', got ${String(workerModel)}`);
  }
  return { maxIterations, tolerance, smoothing, init, workerModel };
}

function maxAbsChange(a: Float64Array, b: Float64Array): number {
  let max = 0;
  for (let x = 0; x < a.length; x++) max = Math.max(max, Math.abs(a[x] - b[x]));
  return max;
}

export function dawidSkene(input: ConsensusInput, options: DawidSkeneOptions = {}): DawidSkeneResult {
  const { maxIterations, tolerance, smoothing, workerModel } = resolveOptions(options);
  const cols = toJudgementColumns(input);
  const { m, k } = cols;
  const params = createParameters(m, k);
  // Two buffers swapped each round: no allocation inside the loop.
  let posterior = voteShares(cols);
  let next: Float64Array = new Float64Array(posterior.length);
  let iterations = 0;
  let converged = false;
  let logLikelihood = 0;
  while (iterations < maxIterations && !converged) {
    updateParameters(cols, posterior, smoothing, workerModel, params);
    logLikelihood = updatePosteriors(cols, params, next);
    iterations++;
    converged = maxAbsChange(posterior, next) < tolerance;
    [posterior, next] = [next, posterior];
  }
  const row = (w: number, t: number) => Array.from(params.confusion.subarray((w * k + t) * k, (w * k + t + 1) * k));
  return {
    ...summarisePosteriors(cols, posterior, 'dawid-skene'),
    workerConfusion: Array.from({ length: m }, (_, w) => Array.from({ length: k }, (_, t) => row(w, t))),
    classPrior: Array.from(params.prior),
    iterations,
    converged,
    logLikelihood,
  };
}
