// The re-fit of a routing policy from reviewers' verdicts (issue 10, "Learning the policy"): split the reviewed
// predictions by a hash of their ids into a fit part and a held-out part; on the fit part fit the temperature and a
// bias per class together (fitTemperatureAndBias: a model leaning toward one class needs the shift one T cannot
// make) and learn the review price; on the held-out part compare the learned policy with the baselines (evaluatePolicies).
//
// The learned price. A perfectly calibrated model would route exactly when min_j expectedCosts[j] > reviewCost;
// a real calibrator is off in places it cannot fix (one T and one shift per class for every confidence), so a
// price is learned: over every distinct routing a price makes on the fit part (priceCuts), the one with the lowest
// total cost, reviewCost for a routed prediction and costMatrix[true][decided] for the rest (named by reviewCost
// itself when the data cannot tell it from the winner's neighbours). Chosen on the rows it is scored on, it
// overfits rare costly errors, so it is adopted only when its saving over reviewCost, measured out of fold within
// the fit part, exceeds two standard errors (checkLearnedPrice); else the price stays reviewCost. It enters the
// policy as `reviewPrice`, beside `reviewCost`: reviewCost stays what a review costs (what evaluations charge and
// what the next re-fit starts from), reviewPrice is the bar the expected-cost test compares against.
import { murmurHash3x86_32 } from '@arbiter/util/hash';
import { routeAbove } from './cost-sweep';
import { evaluatePolicies, type PolicyCost, type PolicyEvaluation } from './evaluate-policies';
import { checkLearnedPrice, type PriceCheck } from './price-check';
import { pricedRows, type ReviewedOutcome } from './price-sweep';
import { checkRoutingPolicy, type RoutingPolicy } from './routing-policy';
import { fitTemperatureAndBias } from './class-bias';
import type { TemperatureFit } from './temperature';
import { finite } from './probability-rows';
import { RoutingError, RoutingErrorCode } from './routing.error';

/**
 * Fewer reviewed predictions than this are refused. At the default even split that leaves about 50 per part; below
 * that one verdict moves the fitted price between neighbouring rows and the held-out totals by more than the
 * policies differ, so a proposal would rest on noise.
 */
export const MIN_REVIEWED_PREDICTIONS = 100;
/** Neither part may get fewer rows than this (a skewed hash or share would otherwise fit or judge on a handful). */
export const MIN_PART_ROWS = 30;
export const DEFAULT_HELD_OUT_SHARE = 0.5;

export interface ReviewedPrediction extends ReviewedOutcome {
  /** The production service's prediction id: the split hashes it, so a prediction stays on its side across re-fits. */
  id: string;
}

export interface FitRoutingPolicyInput {
  /** The current policy: its cost matrix and review cost are the costs; the proposal keeps its other fields. */
  policy: RoutingPolicy;
  predictions: readonly ReviewedPrediction[];
  /** Seeds the split: a prediction is held out when MurmurHash3(id, seed) / 2^32 < heldOutShare. */
  seed: number;
  heldOutShare?: number;
}

export interface RoutingPolicyFit {
  /** The current policy with the fitted temperature and class bias and the reviewPrice the price check gives. */
  policy: RoutingPolicy;
  /** T fitted with the class bias on the fit part; nllBefore/After are that part's mean NLL as sent and at the fit. */
  temperatureFit: TemperatureFit;
  fitRows: number;
  heldOutRows: number;
  /** The cheapest price on the fit part, its out-of-fold saving over the review cost and whether it was adopted. */
  priceCheck: PriceCheck;
  /** The proposed policy's cost on the fit part (where its price was chosen). */
  fitCost: PolicyCost;
  /** Every policy on the held-out part. */
  evaluation: PolicyEvaluation;
}

export function fitRoutingPolicy(input: FitRoutingPolicyInput): RoutingPolicyFit {
  const { policy, predictions, seed } = input;
  checkRoutingPolicy(policy);
  const heldOutShare = finite(input.heldOutShare ?? DEFAULT_HELD_OUT_SHARE, 'heldOutShare');
  if (heldOutShare <= 0 || heldOutShare >= 1) throw invalid('heldOutShare', 'heldOutShare must be strictly between 0 and 1');
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw invalid('seed', 'seed must be an integer in [0, 2^32)');
  if (!Array.isArray(predictions) || predictions.length < MIN_REVIEWED_PREDICTIONS) {
    const message = `a re-fit needs at least ${MIN_REVIEWED_PREDICTIONS} reviewed predictions, got ${predictions?.length ?? 0}`;
    throw new RoutingError(RoutingErrorCode.InvalidShape, 'predictions', message);
  }

  const fit: ReviewedPrediction[] = [];
  const heldOut: ReviewedPrediction[] = [];
  const seen = new Set<string>();
  predictions.forEach((p, i) => {
    if (typeof p?.id !== 'string' || p.id === '') throw invalid(`predictions[${i}].id`, `predictions[${i}].id must be a non-empty string`);
    if (seen.has(p.id)) throw invalid(`predictions[${i}].id`, `prediction "${p.id}" is listed twice`);
    seen.add(p.id);
    (murmurHash3x86_32(p.id, seed) / 4294967296 < heldOutShare ? heldOut : fit).push(p);
  });
  if (fit.length < MIN_PART_ROWS || heldOut.length < MIN_PART_ROWS) {
    const message = `the split left ${fit.length} rows to fit and ${heldOut.length} held out; each needs ${MIN_PART_ROWS}`;
    throw new RoutingError(RoutingErrorCode.InvalidShape, 'predictions', message);
  }

  // pricedRows checks every row's shape, probabilities and label (naming predictions[i]) before anything is fitted.
  pricedRows(predictions, policy.costMatrix, 1);
  const { classBias, ...temperatureFit } = fitTemperatureAndBias(fit, policy.costMatrix.length);
  const temperature = temperatureFit.temperature;
  const fitRows = pricedRows(fit, policy.costMatrix, temperature, 'predictions', classBias);
  const priceCheck = checkLearnedPrice({ rows: fitRows.map((r, i) => ({ ...r, id: fit[i].id })), reviewCost: policy.reviewCost, seed });
  const { price } = priceCheck;
  const evaluation = evaluatePolicies({
    predictions: heldOut,
    costMatrix: policy.costMatrix,
    reviewCost: policy.reviewCost,
    learned: { temperature, classBias, reviewPrice: price },
  });
  const n = fit.length;
  // Summed row by row as evaluatePolicies sums, so the figure matches an evaluation of the fit part to the bit.
  const { total, routed } = routeAbove(fitRows, policy.reviewCost, price);
  return {
    policy: { ...policy, temperature, classBias, reviewPrice: price },
    temperatureFit,
    priceCheck,
    fitRows: n,
    heldOutRows: heldOut.length,
    fitCost: { total, mean: total / n, routed, routedShare: routed / n },
    evaluation,
  };
}

function invalid(path: string, message: string): RoutingError {
  return new RoutingError(RoutingErrorCode.InvalidValue, path, message);
}
