// The cost-sensitive decision for one prediction: the expected cost of acting on each class, the cheapest class,
// and whether a human review (at reviewCost) is cheaper than acting on it.
import { checkCostMatrix, checkProbabilities, checkReviewCost } from './probability-rows';
import { RoutingError, RoutingErrorCode } from './routing.error';

export interface DecideInput {
  /** Calibrated class probabilities, summing to 1 (within PROBABILITY_SUM_TOLERANCE). */
  probs: ArrayLike<number>;
  /** costMatrix[i][j]: the cost of deciding class j when the true class is i; non-negative. */
  costMatrix: readonly (readonly number[])[];
  /** The cost of one human review, in the cost matrix's units; +Infinity routes nothing. */
  reviewCost: number;
}

export type RouteAction = 'act' | 'review';

export interface Decision {
  action: RouteAction;
  /** argmin_j expectedCosts[j], the lower index on ties: the label to act on, or to suggest to the reviewer. */
  label: number;
  /** expectedCosts[j] = Σ_i probs[i] · costMatrix[i][j]. */
  expectedCosts: number[];
}

/** Acts on the cheapest class unless its expected cost is strictly greater than the review cost. */
export function decide({ probs, costMatrix, reviewCost }: DecideInput): Decision {
  const k = probs?.length ?? 0;
  if (k === 0) {
    throw new RoutingError(RoutingErrorCode.InvalidShape, 'probs', 'probs must hold one probability per class');
  }
  checkProbabilities(probs, 'probs');
  checkCostMatrix(costMatrix, k, 'costMatrix');
  checkReviewCost(reviewCost, 'reviewCost');
  const expectedCosts = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) expectedCosts[j] += probs[i] * costMatrix[i][j];
  }
  let label = 0;
  for (let j = 1; j < k; j++) if (expectedCosts[j] < expectedCosts[label]) label = j;
  return { action: expectedCosts[label] > reviewCost ? 'review' : 'act', label, expectedCosts };
}
