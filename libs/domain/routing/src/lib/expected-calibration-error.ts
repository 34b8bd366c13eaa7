// Expected calibration error over the shapes: confidence = max p, B equal-width bins (i/B, (i+1)/B] with
// a confidence of 0 in the first, ECE = Σ_b (n_b / n) · |accuracy_b − confidence_b|. Delegates to
// @arbiter/domain/calibration after checking the rows.
import { expectedCalibrationError as calibrationEce } from '@arbiter/domain/calibration';
import { checkLabels, checkProbabilities, toRowMajor } from './probability-rows';
import type { Rows } from './probability-rows';
import { RoutingError, RoutingErrorCode } from './routing.error';

export interface EceInput {
  /** n rows of k probabilities (number[][]), or row-major with numClasses. */
  probs: Rows;
  labels: ArrayLike<number>;
  /** Number of bins, 15 by default. */
  bins?: number;
  numClasses?: number;
}

/** The ECE of probabilities against true labels; 0 with no rows. */
export function expectedCalibrationError({ probs, labels, bins = 15, numClasses }: EceInput): number {
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RoutingError(RoutingErrorCode.InvalidValue, 'bins', 'bins must be a positive integer');
  }
  const { values, k } = toRowMajor(probs, numClasses, labels.length, 'probs');
  for (let i = 0; i < labels.length; i++) checkProbabilities(values, `probs[${i}]`, i * k, k);
  checkLabels(labels, k);
  return calibrationEce({ probs: values, numClasses: k, labels, bins });
}
