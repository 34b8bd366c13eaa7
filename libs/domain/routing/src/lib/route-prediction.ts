// The routing policy applied to one production prediction: calibrate, decide by expected cost, then the extra
// routes (metadata rules, the decided label's confidence floor) and, for what would be acted on, the audit share.
// Returns the action with every reason that sent it to review, for the audit record and the reviewer's screen.
import { decide } from './decide';
import type { RouteAction } from './decide';
import { inAuditSample } from './audit-sample';
import { matchesCondition } from './metadata-condition';
import { checkReviewCost } from './probability-rows';
import { checkRoutingPolicy } from './routing-policy';
import type { RoutingPolicy } from './routing-policy';
import { calibrateProbs } from './temperature';
import { RoutingError, RoutingErrorCode } from './routing.error';

export type RouteReason =
  /** The cheapest action's expected cost exceeds the review price. */
  | { kind: 'expected-cost'; minExpectedCost: number; reviewCost: number }
  /** The decided label's calibrated probability is below its floor. */
  | { kind: 'confidence-floor'; label: number; confidence: number; minConfidence: number }
  /** A metadata rule matched. */
  | { kind: 'rule'; ruleId: string }
  /** The model was overturned on enough of its nearest reviewed predictions (similar-case routing). */
  | { kind: 'similar-cases'; overturned: number; neighbours: number }
  /** Nothing else routed it: drawn into the audit share. */
  | { kind: 'audit'; share: number };

export interface RoutePredictionInput {
  policy: RoutingPolicy;
  /** The production service's prediction id: the audit draw hashes it, so retries get the same answer. */
  predictionId: string;
  /** The model's probabilities as sent (calibrated here with the policy's temperature). */
  probs: ArrayLike<number>;
  metadata?: Readonly<Record<string, unknown>>;
  /**
   * The review price from capacity pricing (capacityReviewCost, raised from the policy's reviewPrice ?? reviewCost),
   * replacing the policy's price for the expected-cost test only; floors, rules and the audit share do not depend
   * on capacity.
   */
  reviewCost?: number;
  /**
   * The prediction's nearest reviewed predictions (most similar first, at most the policy's similarCases.k), for
   * similar-case routing; the caller finds them (the server by k-NN over the embeddings services send).
   */
  neighbours?: readonly { similarity: number; overturned: boolean }[];
}

export interface RouteResult {
  action: RouteAction;
  /** The expected-cost decision's label: acted on, or suggested to the reviewer. */
  label: number;
  calibratedProbs: number[];
  expectedCosts: number[];
  /** The review price the expected-cost test used. */
  reviewCost: number;
  /** Why it was routed to review, in the order tested; empty when acted on. */
  reasons: RouteReason[];
}

export function routePrediction(input: RoutePredictionInput): RouteResult {
  const { policy, predictionId, probs, metadata, reviewCost } = input;
  const k = checkRoutingPolicy(policy);
  if (typeof predictionId !== 'string') {
    throw new RoutingError(RoutingErrorCode.InvalidValue, 'predictionId', 'predictionId must be a string');
  }
  if (probs?.length !== k) {
    throw new RoutingError(RoutingErrorCode.InvalidShape, 'probs', `probs must hold ${k} probabilities, one per label`);
  }
  const price = reviewCost === undefined ? (policy.reviewPrice ?? policy.reviewCost) : checkReviewCost(reviewCost, 'reviewCost');
  const calibratedProbs = calibrateProbs(probs, policy.temperature ?? 1, 'probs', policy.classBias);
  const decision = decide({ probs: calibratedProbs, costMatrix: policy.costMatrix, reviewCost: price });
  const { label, expectedCosts } = decision;

  const reasons: RouteReason[] = [];
  if (decision.action === 'review') {
    reasons.push({ kind: 'expected-cost', minExpectedCost: expectedCosts[label], reviewCost: price });
  }
  const floor = policy.confidenceFloors?.find((f) => f.label === label);
  if (floor && calibratedProbs[label] < floor.minConfidence) {
    const confidence = calibratedProbs[label];
    reasons.push({ kind: 'confidence-floor', label, confidence, minConfidence: floor.minConfidence });
  }
  for (const rule of policy.rules ?? []) {
    if (matchesCondition(rule.when, metadata)) reasons.push({ kind: 'rule', ruleId: rule.id });
  }
  const sc = policy.similarCases;
  if (sc && input.neighbours) {
    const near = input.neighbours.slice(0, sc.k).filter((n) => n.similarity >= sc.minSimilarity);
    const overturned = near.filter((n) => n.overturned).length;
    if (overturned >= sc.minOverturned) reasons.push({ kind: 'similar-cases', overturned, neighbours: near.length });
  }
  const audit = policy.audit;
  if (reasons.length === 0 && audit && inAuditSample(predictionId, audit.share, audit.seed)) {
    reasons.push({ kind: 'audit', share: audit.share });
  }
  return {
    action: reasons.length ? 'review' : 'act',
    label,
    calibratedProbs,
    expectedCosts,
    reviewCost: price,
    reasons,
  };
}
