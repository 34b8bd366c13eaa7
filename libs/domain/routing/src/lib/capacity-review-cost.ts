// Capacity pricing: the review price that spends a reviewer budget (reviews per hour) on the predictions where a
// review saves the most expected cost. A review of a prediction saves its cheapest expected cost of acting,
// min_j Σ_i p_i C[i][j], and costs the price; so routing "min expected cost > price" reviews the costliest
// predictions first, and the price only has to be high enough that the budget keeps up.
//
// The rule. Over a planning horizon H (an hour by default; use the SLA), reviewers can do budget·H reviews and
// the queue's backlog comes first, leaving free = max(0, budget·H − queueLength) for new arrivals; about
// arrivals·H predictions will arrive, so at most share = free / (arrivals·H) of them may be routed on cost. The
// price is the policy's review cost, raised to the (1 − share)-quantile of recent predictions' min expected costs
// when routing at the review cost would exceed the share; with no free capacity it is +Infinity (nothing is
// routed on cost; rules, floors and audits still are, so give their reviews as reservedPerHour).
import { quantile } from '@arbiter/domain/drift';
import { checkReviewCost, finite } from './probability-rows';
import { RoutingError, RoutingErrorCode } from './routing.error';

export interface CapacityInput {
  /** The policy's review cost: the price never drops below it. */
  reviewCost: number;
  /** Reviews per hour the reviewers can do. */
  budgetPerHour: number;
  /** Reviews per hour already taken by rules, confidence floors and audits (0 by default). */
  reservedPerHour?: number;
  /** Predictions per hour the cost test sees (the population recentMinExpectedCosts samples). */
  arrivalsPerHour: number;
  /** Reviews waiting in the queue now. */
  queueLength: number;
  /** Hours over which the budget is planned (e.g. the review SLA); 1 by default. */
  horizonHours?: number;
  /** min_j expectedCosts[j] of recent predictions, calibrated as now: the saving a review of each would bring. */
  recentMinExpectedCosts: readonly number[];
}

export interface CapacityPrice {
  /** The price to pass as routePrediction's reviewCost; +Infinity when the budget has no room left. */
  reviewCost: number;
  /** The share of arriving predictions the budget can review on cost, in [0, 1]. */
  share: number;
  /**
   * What the budget costs: the expected cost per hour of predictions acted on that a review at the policy's
   * review cost would have caught, arrivals · mean over recent predictions of (s − reviewCost) for
   * reviewCost < s ≤ price. 0 when the budget suffices.
   */
  forgoneCostPerHour: number;
}

export function capacityReviewCost(input: CapacityInput): CapacityPrice {
  const base = checkReviewCost(input.reviewCost, 'reviewCost');
  const budget = nonNegative(input.budgetPerHour, 'budgetPerHour');
  const reserved = nonNegative(input.reservedPerHour ?? 0, 'reservedPerHour');
  const arrivals = nonNegative(input.arrivalsPerHour, 'arrivalsPerHour');
  const queueLength = nonNegative(input.queueLength, 'queueLength');
  const horizon = nonNegative(input.horizonHours ?? 1, 'horizonHours');
  const costs = Float64Array.from(input.recentMinExpectedCosts, (s, i) =>
    finite(s, `recentMinExpectedCosts[${i}]`),
  ).sort();

  const free = Math.max(0, (budget - reserved) * horizon - queueLength);
  const expected = arrivals * horizon;
  const share = expected > 0 ? Math.min(1, free / expected) : free > 0 ? 1 : 0;
  let price = base;
  if (share === 0) price = Infinity;
  else if (costs.length > 0 && routedShare(costs, base) > share) price = Math.max(base, quantile(costs, 1 - share));

  let forgone = 0;
  for (const s of costs) if (s > base && s <= price) forgone += s - base;
  return { reviewCost: price, share, forgoneCostPerHour: costs.length ? (arrivals * forgone) / costs.length : 0 };
}

/** The share of sorted costs strictly above a price: those the expected-cost test would route. */
function routedShare(sorted: Float64Array, price: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= price) lo = mid + 1;
    else hi = mid;
  }
  return (sorted.length - lo) / sorted.length;
}

function nonNegative(value: number, path: string): number {
  if (finite(value, path) < 0) {
    throw new RoutingError(RoutingErrorCode.InvalidValue, path, `${path} must not be negative`);
  }
  return value;
}
