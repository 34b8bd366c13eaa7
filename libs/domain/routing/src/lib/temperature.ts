// Temperature scaling for routing: fits T on reviewed predictions and applies it to a production prediction's
// probabilities. The math (NLL, golden-section search on log T over [0.05, 20], softmax) lives in
// @arbiter/domain/calibration; this module takes the shapes (number[][] or row-major + numClasses) and
// checks them.
import {
  fitTemperature as fitCalibrationTemperature,
  softmaxWithTemperature,
  temperatureNll,
} from '@arbiter/domain/calibration';
import { checkLabels, checkProbabilities, finite, toRowMajor } from './probability-rows';
import type { Rows } from './probability-rows';
import { RoutingError, RoutingErrorCode } from './routing.error';

/**
 * The smallest probability taken as ln p when probabilities stand in for logits. A true class given p = 0 would
 * make the NLL infinite at every temperature, leaving nothing to minimise; at 1e-12 it costs 27.6 nats instead.
 */
export const LOGIT_PROBABILITY_FLOOR = 1e-12;

/** Search tolerance on log T: T is found to about 1e-9 relative, far below what the NLL can tell apart. */
const LOG_T_TOLERANCE = 1e-9;

export interface FitTemperatureInput {
  /** n rows of k logits; for probabilities pass logitsFromProbs(row) per row. */
  logits: Rows;
  /** True class per row, from reviewers' verdicts. */
  labels: ArrayLike<number>;
  /** Required when logits are row-major (a flat array). */
  numClasses?: number;
}

export interface TemperatureFit {
  /** T in [0.05, 20] minimising the mean NLL of softmax(logits / T); 1 with no rows. */
  temperature: number;
  /** Mean NLL at T = 1 and at the fitted T (0 with no rows). */
  nllBefore: number;
  nllAfter: number;
}

export function fitTemperature({ logits, labels, numClasses }: FitTemperatureInput): TemperatureFit {
  const { values, k } = toRowMajor(logits, numClasses, labels.length, 'logits');
  checkLabels(labels, k);
  const rows = { logits: values, numClasses: k, labels };
  const temperature = fitCalibrationTemperature(rows, LOG_T_TOLERANCE);
  return { temperature, nllBefore: temperatureNll(rows, 1), nllAfter: temperatureNll(rows, temperature) };
}

/** ln p per class, p floored at LOGIT_PROBABILITY_FLOOR: softmax of these gives back p. */
export function logitsFromProbs(probs: ArrayLike<number>): number[] {
  return Array.from(probs, (p) => Math.log(Math.max(p, LOGIT_PROBABILITY_FLOOR)));
}

/**
 * softmax(ln p / T + b): the probabilities a fitted temperature (and class bias b, if any) makes of a model's
 * probabilities. T = 1 without a bias returns them as given (no floor, no renormalising), so an uncalibrated policy
 * decides on exactly what the model sent.
 */
export function calibrateProbs(probs: ArrayLike<number>, temperature: number, path = 'probs', classBias?: readonly number[]): number[] {
  checkProbabilities(probs, path);
  if (!(finite(temperature, 'temperature') > 0)) {
    throw new RoutingError(RoutingErrorCode.InvalidValue, 'temperature', 'temperature must be positive');
  }
  if (classBias === undefined) {
    if (temperature === 1) return Array.from(probs);
    return Array.from(softmaxWithTemperature(Float64Array.from(logitsFromProbs(probs)), probs.length, temperature));
  }
  if (classBias.length !== probs.length) {
    throw new RoutingError(RoutingErrorCode.InvalidShape, 'classBias', `classBias must hold ${probs.length} numbers, one per class`);
  }
  const z = logitsFromProbs(probs).map((l, c) => l / temperature + finite(classBias[c], `classBias[${c}]`));
  return Array.from(softmaxWithTemperature(Float64Array.from(z), z.length, 1));
}
