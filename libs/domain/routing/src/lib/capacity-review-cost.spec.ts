import { capacityReviewCost } from './capacity-review-cost';
import type { CapacityInput } from './capacity-review-cost';
import { routingErrorOf } from './fixtures.testing';
import { RoutingErrorCode } from './routing.error';
import { mulberry32 } from '@arbiter/util/random';

// Recent predictions' min expected costs 1, 2, …, 100 (every one above the review cost 0.5).
const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);
const busy: CapacityInput = {
  reviewCost: 0.5,
  budgetPerHour: 100,
  arrivalsPerHour: 1000,
  queueLength: 0,
  recentMinExpectedCosts: oneToHundred,
};

describe('capacityReviewCost', () => {
  it('keeps the policy’s review cost when the budget covers everything routed at it', () => {
    // 1,000 arrivals/h, 100 reviews/h: share 0.1. Only 5 of 100 recent costs exceed 0.5 → no need to raise.
    const costs = [...Array(95).fill(0.1), 1, 2, 3, 4, 5];
    expect(capacityReviewCost({ ...busy, recentMinExpectedCosts: costs })).toEqual({
      reviewCost: 0.5,
      share: 0.1,
      forgoneCostPerHour: 0,
    });
  }, 10_000);

  it('raises the price to the cost quantile the budget can afford, worked by hand', () => {
    // Share 0.1 → the 0.9-quantile of 1..100: h = 99·0.9 = 89.1 → 90 + 0.1 = 90.1; 91..100 (10%) stay routed.
    // Forgone: 1..90 are acted on instead of reviewed at 0.5: Σ (s − 0.5) = 4095 − 45 = 4050 per 100 predictions,
    // × 1,000 arrivals/h / 100 = 40,500 per hour.
    const price = capacityReviewCost(busy);
    expect(price.share).toBe(0.1);
    expect(price.reviewCost).toBeCloseTo(90.1, 12);
    expect(price.forgoneCostPerHour).toBeCloseTo(40_500, 9);
  }, 10_000);

  it('raises the price as the queue fills, and routes nothing on cost once the backlog uses the horizon', () => {
    // 50 waiting: 50 free reviews this hour → share 0.05 → 0.95-quantile: h = 94.05 → 95.05.
    expect(capacityReviewCost({ ...busy, queueLength: 50 }).reviewCost).toBeCloseTo(95.05, 12);
    expect(capacityReviewCost({ ...busy, queueLength: 100 })).toMatchObject({ reviewCost: Infinity, share: 0 });
    // Reviews reserved for rules and audits come off the budget the same way.
    expect(capacityReviewCost({ ...busy, reservedPerHour: 50 }).reviewCost).toBeCloseTo(95.05, 12);
    // Over two hours: 200 reviews − 150 waiting = 50 for 2,000 arrivals → share 0.025.
    expect(capacityReviewCost({ ...busy, horizonHours: 2, queueLength: 150 }).share).toBe(0.025);
  }, 10_000);

  it('keeps the policy’s price with no recent costs to price from, or with nothing arriving', () => {
    expect(capacityReviewCost({ ...busy, recentMinExpectedCosts: [] }).reviewCost).toBe(0.5);
    expect(capacityReviewCost({ ...busy, arrivalsPerHour: 0 })).toMatchObject({ reviewCost: 0.5, share: 1 });
  }, 10_000);

  it('routes as much of the budget’s share of recent predictions as it can at the price it sets, never more', () => {
    // Costs ~ Exp(1): e^-0.5 ≈ 61% exceed the review cost 0.5. Budgets of 10…200 per 1,000 arrivals must raise the
    // price until only their share is routed; 640 per 1,000 already covers the 61% at the review cost.
    const random = mulberry32(3);
    const costs = Array.from({ length: 2_000 }, () => -Math.log(1 - random()));
    const routedAt = (price: number) => costs.filter((s) => s > price).length / costs.length;
    for (const budgetPerHour of [10, 57, 200]) {
      const { reviewCost, share } = capacityReviewCost({ ...busy, budgetPerHour, recentMinExpectedCosts: costs });
      expect(routedAt(reviewCost)).toBeLessThanOrEqual(share);
      expect(routedAt(reviewCost)).toBeGreaterThan(share - 2 / costs.length);
    }
    const roomy = capacityReviewCost({ ...busy, budgetPerHour: 640, recentMinExpectedCosts: costs });
    expect(roomy.reviewCost).toBe(0.5);
    expect(routedAt(0.5)).toBeLessThan(roomy.share);
  }, 10_000);

  it.each<[string, Partial<CapacityInput>, string, string]>([
    ['a negative budget', { budgetPerHour: -1 }, RoutingErrorCode.InvalidValue, 'budgetPerHour'],
    ['a NaN queue length', { queueLength: NaN }, RoutingErrorCode.NotFinite, 'queueLength'],
    ['a negative review cost', { reviewCost: -1 }, RoutingErrorCode.NegativeCost, 'reviewCost'],
    ['a non-finite recent cost', { recentMinExpectedCosts: [1, Infinity] }, RoutingErrorCode.NotFinite, 'recentMinExpectedCosts[1]'],
  ])('rejects %s', (_name, change, code, path) => {
    expect(routingErrorOf(() => capacityReviewCost({ ...busy, ...change }))).toEqual([code, path]);
  }, 10_000);
});
