import { fitRoutingPolicy } from './fit-routing-policy';
import { checkLearnedPrice, PRICE_CHECK_STANDARD_ERRORS } from './price-check';
import { cheapestPriceCut, priceCuts, pricedRows } from './price-sweep';
import type { RoutingPolicy } from './routing-policy';
import { syntheticReviews } from './synthetic-reviews.testing';

const zeroOne3: RoutingPolicy = { schemaVersion: 1, costMatrix: [[0, 1, 1], [1, 0, 1], [1, 1, 0]], reviewCost: 0.2 };
// Missing a true 1 costs 10, a false alarm 1, a review 0.3.
const missCostly: RoutingPolicy = { schemaVersion: 1, costMatrix: [[0, 1], [10, 0]], reviewCost: 0.3 };

describe('checkLearnedPrice: the re-fit adopts a learned review price only when it saves out of fold', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8].flatMap((seed) => [[zeroOne3, '0/1 costs, three classes', seed] as const, [missCostly, 'a missed 1 costs 10', seed] as const]))(
    'keeps price = reviewCost on a perfectly calibrated sample (%#: %s, seed %d), though the cheapest price on the fit part differs',
    (policy, _name, seed) => {
      const predictions = syntheticReviews({ rows: 2_000, numClasses: policy.costMatrix.length, seed, spread: 2 });
      const { policy: proposed, priceCheck } = fitRoutingPolicy({ policy, predictions, seed });
      expect(priceCheck.learnedPrice).not.toBe(policy.reviewCost);
      expect(priceCheck.adopted).toBe(false);
      expect(priceCheck.meanSaving).toBeLessThanOrEqual(PRICE_CHECK_STANDARD_ERRORS * priceCheck.standardError);
      expect(proposed.reviewPrice).toBe(policy.reviewCost);
    },
    20_000,
  );

  it.each([1, 2, 3, 4])(
    'adopts a learned price when the model leans toward the cheap-to-miss class, which one temperature cannot undo (seed %d), and it costs less held out',
    (seed) => {
      // The model adds 2 to class 0's logit: it calls true 1s (costly to miss) 0 with confidence.
      const predictions = syntheticReviews({ rows: 2_000, numClasses: 2, seed, spread: 2, bias: [2, 0] });
      const { policy: proposed, priceCheck, evaluation } = fitRoutingPolicy({ policy: missCostly, predictions, seed });
      expect(priceCheck.adopted).toBe(true);
      expect(priceCheck.meanSaving).toBeGreaterThan(PRICE_CHECK_STANDARD_ERRORS * priceCheck.standardError);
      expect(proposed.reviewPrice).toBe(priceCheck.learnedPrice);
      expect(proposed.reviewPrice).not.toBe(missCostly.reviewCost);
      expect(evaluation.learned.total).toBeLessThan(0.9 * evaluation.atReviewCost.total);
    },
    20_000,
  );

  it('learns the cheapest price on the rows given, whatever their order, and adopts nothing that saves nothing', () => {
    const predictions = syntheticReviews({ rows: 400, numClasses: 2, seed: 4, spread: 2, bias: [2, 0] });
    const rows = pricedRows(predictions, missCostly.costMatrix, 1.5).map((r, i) => ({ ...r, id: predictions[i].id }));
    const check = checkLearnedPrice({ rows, reviewCost: 0.3, seed: 7 });
    expect(check.learnedPrice).toBe(cheapestPriceCut(priceCuts(rows, 0.3), 0.3).price);
    // Folds go by id, so reversed rows make the same folds; only the float sums' order differs.
    const reversed = checkLearnedPrice({ rows: [...rows].reverse(), reviewCost: 0.3, seed: 7 });
    expect({ ...reversed, meanSaving: 0, standardError: 0 }).toEqual({ ...check, meanSaving: 0, standardError: 0 });
    expect(reversed.meanSaving).toBeCloseTo(check.meanSaving, 12);
    expect(reversed.standardError).toBeCloseTo(check.standardError, 12);
    // Rows that cost nothing acted on, with an expected cost of 0 (no non-negative price routes them): no saving.
    const flat = rows.map((r) => ({ ...r, key: 0, actCost: 0 }));
    expect(checkLearnedPrice({ rows: flat, reviewCost: 0.3, seed: 7 })).toEqual({ learnedPrice: 0.3, meanSaving: 0, standardError: 0, adopted: false, price: 0.3 });
  }, 20_000);
});
