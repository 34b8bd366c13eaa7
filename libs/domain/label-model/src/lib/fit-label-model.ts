// Fits Arbiter's label model: the matrix-completion generative model, kept only if a labeled dev set does not
// show majority vote to be better. Majority vote is the baseline it must never fall below.
import { type ClassBalanceSource, checkClassBalance, classBalanceFromValidation, classBalanceFromVotes } from './class-balance';
import { type GenerativeFitOptions, fitMatrixCompletion } from './generative-model';
import { generativePosterior, learnedAccuracies, posteriorWeights } from './generative-posterior';
import { majorityVoteShares } from './majority-vote';
import { overlapStatistics } from './sufficient-statistics';
import { tieAwareAccuracy } from './tie-aware-accuracy';
import { type CompactVoteMatrix, type VoteMatrix, toCompactVoteMatrix, toProbabilityRows } from './vote-matrix';

export interface FitLabelModelOptions extends GenerativeFitOptions {
  /**
   * A small labeled dev set: sets the class balance (when it can tell it from uniform) and picks the model.
   * Without one (and without `classBalance`) the balance is estimated from the majority-vote labels.
   */
  validation?: { L: VoteMatrix; y: readonly number[] };
  /** A known class balance (length k, sums to 1); overrides the one read from validation. */
  classBalance?: readonly number[];
}

export type ChosenModel = 'generative' | 'majority';

export interface LabelModel {
  /** n × k, each row sums to 1; from the chosen model. Accepts both matrix forms (same m as in fitting). */
  predictProba(L: VoteMatrix): number[][];
  /** As predictProba, n × k row-major, for millions of rows. */
  predictProbaCompact(L: VoteMatrix): Float64Array;
  /** Per LF, the generative model's learned P(Y = vote | LF votes), reported whichever model is chosen. */
  lfAccuracies: number[];
  /** The prior P(Y = c) used by both models (majority vote uses it for rows without votes). */
  classBalance: number[];
  classBalanceSource: ClassBalanceSource;
  chosen: ChosenModel;
  reason: string;
  /** Tie-aware accuracy of both candidates on the validation set, null without one. */
  validationAccuracy: { generative: number; majority: number; rows: number } | null;
  /** Final matrix-completion objective (for diagnostics). */
  loss: number;
}

function checkGold(y: readonly number[], n: number, k: number): void {
  if (y.length !== n) throw new RangeError(`validation has ${n} rows but ${y.length} labels`);
  y.forEach((c, i) => {
    if (!Number.isInteger(c) || c < 0 || c >= k) throw new RangeError(`validation label ${c} at row ${i} is not in 0..${k - 1}`);
  });
}

export function fitLabelModel(L: VoteMatrix, k: number, options: FitLabelModelOptions = {}): LabelModel {
  const train = toCompactVoteMatrix(L, k);
  const m = train.m;
  const compact = (matrix: VoteMatrix): CompactVoteMatrix => {
    const c = toCompactVoteMatrix(matrix, k);
    if (c.m !== m && c.n > 0) throw new RangeError(`matrix has ${c.m} LFs, the model was fitted on ${m}`);
    return c;
  };
  const dev = options.validation ? { L: compact(options.validation.L), y: options.validation.y } : null;
  if (dev) checkGold(dev.y, dev.L.n, k);

  let classBalance: number[];
  let classBalanceSource: ClassBalanceSource;
  if (options.classBalance) [classBalance, classBalanceSource] = [checkClassBalance(options.classBalance, k), 'option'];
  else if (dev && dev.L.n > 0) ({ balance: classBalance, source: classBalanceSource } = classBalanceFromValidation(dev.y, k));
  else [classBalance, classBalanceSource] = [classBalanceFromVotes(train, k), 'votes'];

  const fit = fitMatrixCompletion(overlapStatistics(train, k), classBalance, options);
  const weights = posteriorWeights(fit.mu, classBalance);
  const candidates: Record<ChosenModel, (c: CompactVoteMatrix) => Float64Array> = {
    generative: (c) => generativePosterior(c, weights),
    majority: (c) => majorityVoteShares(c, k, classBalance),
  };

  let chosen: ChosenModel = 'generative';
  let reason =
    classBalanceSource === 'votes'
      ? 'no validation rows: the generative model is used without comparison, its class balance estimated from the majority-vote labels'
      : 'no validation rows: the generative model is used without comparison';
  let validationAccuracy: LabelModel['validationAccuracy'] = null;
  if (dev && dev.L.n > 0) {
    const score = (model: ChosenModel) => tieAwareAccuracy(toProbabilityRows(candidates[model](dev.L), k), dev.y);
    const [generative, majority] = [score('generative'), score('majority')];
    validationAccuracy = { generative, majority, rows: dev.L.n };
    const vs = `generative ${generative.toFixed(4)} vs majority vote ${majority.toFixed(4)} on ${dev.L.n} validation rows`;
    // A tie is no evidence against the generative model, which is what runs without a dev set.
    chosen = generative >= majority ? 'generative' : 'majority';
    reason =
      chosen === 'generative'
        ? `${vs}: the generative model is at least as accurate`
        : `${vs}: majority vote is more accurate, so it is used`;
  }

  const predictProbaCompact = (matrix: VoteMatrix) => candidates[chosen](compact(matrix));
  return {
    predictProba: (matrix) => toProbabilityRows(predictProbaCompact(matrix), k),
    predictProbaCompact,
    lfAccuracies: learnedAccuracies(fit.mu, classBalance, m),
    classBalance: [...classBalance],
    classBalanceSource,
    chosen,
    reason,
    validationAccuracy,
    loss: fit.loss,
  };
}
