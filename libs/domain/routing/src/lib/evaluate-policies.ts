// What each routing policy would have cost on reviewed predictions, whose true classes reviewers' verdicts give:
// the evidence a re-fitted policy is proposed with (issue 10, "Learning the policy"). The cost of one prediction:
// reviewCost if the policy routes it (the reviewer then finds the truth), else costMatrix[true][decided].
//
// The policies, all over the same rows:
// - route-all: every prediction reviewed.
// - route-none: none reviewed; act on decide's label (the cheapest expected cost) from the probabilities as sent.
// - fixed threshold 0.5: route when the confidence (max p as sent) is below 0.5, else act on the argmax (ties to
//   the lower class). With two classes max p ≥ 0.5 always, so it routes nothing.
// - best fixed threshold in hindsight: the same rule at the threshold t with the lowest total on these very rows,
//   t scanned over every distinct confidence (routing those strictly below it) and +Infinity (routing all); ties
//   go to the lower t, which routes fewer. It is chosen on the rows it is scored on, so no real policy can count
//   on matching it.
// - at review cost: decide on probabilities calibrated with the learned temperature and class bias, at the policy's review cost
//   (what a perfectly calibrated model would need).
// - learned: the same, at the learned review price: route when min_j expectedCosts[j] > reviewPrice.
// The baselines read the probabilities as sent: they are what a project can run without any re-fit.
// Rules, confidence floors and the audit share route by other reasons and are not part of this comparison.
import { cheaper, routeAbove, sweepCuts } from './cost-sweep';
import { checkCostMatrix, checkReviewCost, finite } from './probability-rows';
import { priceCuts, pricedRows, type ReviewedOutcome } from './price-sweep';
import { RoutingError, RoutingErrorCode } from './routing.error';

export const FIXED_CONFIDENCE_THRESHOLD = 0.5;

export interface EvaluatePoliciesInput {
  predictions: readonly ReviewedOutcome[];
  /** costMatrix[true][decided]. */
  costMatrix: readonly (readonly number[])[];
  /** What one review costs, in the cost matrix's units (finite). */
  reviewCost: number;
  /** The learned policy: its temperature, class bias (if any) and review price. */
  learned: { temperature: number; classBias?: readonly number[]; reviewPrice: number };
}

export interface PolicyCost {
  total: number;
  /** total / rows. */
  mean: number;
  routed: number;
  /** routed / rows. */
  routedShare: number;
}

/** One point of a cost curve: a threshold (a confidence, or a price) and what routing by it cost. */
export interface CostCurvePoint extends PolicyCost {
  threshold: number;
}

export interface PolicyEvaluation {
  rows: number;
  routeAll: PolicyCost;
  routeNone: PolicyCost;
  fixedThreshold: CostCurvePoint;
  /** threshold may be Infinity (route all), which JSON writes as null. */
  bestThreshold: CostCurvePoint;
  atReviewCost: PolicyCost;
  learned: PolicyCost & { temperature: number; reviewPrice: number };
  /**
   * Cost against share routed: `threshold` for every confidence threshold of the scan (ascending), `price` for
   * every distinct routing a review price makes on the calibrated rows (ascending share; `threshold` = the price).
   */
  curves: { threshold: CostCurvePoint[]; price: CostCurvePoint[] };
}

export function evaluatePolicies(input: EvaluatePoliciesInput): PolicyEvaluation {
  const { predictions, costMatrix, learned } = input;
  const k = costMatrix?.length ?? 0;
  checkCostMatrix(costMatrix, k, 'costMatrix');
  const reviewCost = checkReviewCost(input.reviewCost, 'reviewCost');
  if (reviewCost === Infinity) throw new RoutingError(RoutingErrorCode.InvalidValue, 'reviewCost', 'reviewCost must be finite');
  if (!Array.isArray(predictions) || predictions.length === 0) {
    throw new RoutingError(RoutingErrorCode.InvalidShape, 'predictions', 'predictions must hold at least one reviewed prediction');
  }
  if (!(finite(learned?.temperature, 'learned.temperature') > 0)) {
    throw new RoutingError(RoutingErrorCode.InvalidValue, 'learned.temperature', 'learned.temperature must be positive');
  }
  const reviewPrice = checkReviewCost(learned.reviewPrice, 'learned.reviewPrice');

  const n = predictions.length;
  const calibrated = pricedRows(predictions, costMatrix, learned.temperature, 'predictions', learned.classBias);
  const asSent = pricedRows(predictions, costMatrix, 1);
  const cost = ({ total, routed }: { total: number; routed: number }): PolicyCost => ({ total, mean: total / n, routed, routedShare: routed / n });

  // Keyed by −confidence: routing the highest keys first is routing the least confident first, and
  // "confidence < t" is "key > −t".
  const byConfidence = predictions.map(({ probs, label }) => {
    let argmax = 0;
    for (let j = 1; j < k; j++) if (probs[j] > probs[argmax]) argmax = j;
    return { key: -probs[argmax], actCost: costMatrix[label][argmax] };
  });
  const thresholdCurve = sweepCuts(byConfidence, reviewCost).map((cut) => ({
    ...cost(cut),
    threshold: cut.nextKey === undefined ? Infinity : -cut.nextKey,
  }));
  let bestThreshold = thresholdCurve[0];
  for (const point of thresholdCurve) if (cheaper(point.total, bestThreshold.total)) bestThreshold = point;

  return {
    rows: n,
    routeAll: cost({ total: reviewCost * n, routed: n }),
    routeNone: cost(routeAbove(asSent, reviewCost, Infinity)),
    fixedThreshold: { ...cost(routeAbove(byConfidence, reviewCost, -FIXED_CONFIDENCE_THRESHOLD)), threshold: FIXED_CONFIDENCE_THRESHOLD },
    bestThreshold,
    atReviewCost: cost(routeAbove(calibrated, reviewCost, reviewCost)),
    learned: { ...cost(routeAbove(calibrated, reviewCost, reviewPrice)), temperature: learned.temperature, reviewPrice },
    curves: {
      threshold: thresholdCurve,
      price: priceCuts(calibrated, reviewCost).map((cut) => ({ ...cost(cut), threshold: cut.price })),
    },
  };
}
