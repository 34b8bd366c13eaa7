import { mulberry32 } from '@arbiter/util/random';
import { fitRoutingPolicy } from './fit-routing-policy';
import { checkLearnedPrice, PRICE_CHECK_STANDARD_ERRORS } from './price-check';
import { cheapestPriceCut, priceCuts, pricedRows } from './price-sweep';
import type { RoutingPolicy } from './routing-policy';
import { syntheticReviews } from './synthetic-reviews.testing';

const zeroOne3: RoutingPolicy = { schemaVersion: 1, costMatrix: [[0, 1, 1], [1, 0, 1], [1, 1, 0]], reviewCost: 0.2 };
// Missing a true 1 costs 10, a false alarm 1, a review 0.3.
const missCostly: RoutingPolicy = { schemaVersion: 1, costMatrix: [[0, 1], [10, 0]], reviewCost: 0.3 };

/**
 * 1,000 rows whose stated expected cost of acting (the key) is uniform in [0, 0.25) while acting really costs 1 with
 * probability `understate` · key: 1 is calibrated, 5 a model that states a fifth of its real risk.
 */
function rowsStating(understate: number, seed: number) {
  const random = mulberry32(seed);
  return Array.from({ length: 1_000 }, (_, i) => {
    const key = 0.25 * random();
    return { id: `r-${i}`, key, actCost: random() < understate * key ? 1 : 0 };
  });
}

describe('checkLearnedPrice: the re-fit adopts a learned review price only when it saves out of fold', () => {
  it('keeps price = reviewCost on perfectly calibrated samples, though the cheapest price on their fit part differs', () => {
    const fits = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((seed) =>
      [zeroOne3, missCostly].map((policy) => ({
        policy,
        fit: fitRoutingPolicy({ policy, predictions: syntheticReviews({ rows: 2_000, numClasses: policy.costMatrix.length, seed, spread: 2 }), seed }),
      })),
    );
    expect(fits.filter(({ policy, fit }) => fit.priceCheck.learnedPrice !== policy.reviewCost).length).toBe(16);
    // A one-sided test at two standard errors adopts a price on ~2.3% of calibrated samples: 0.37 of these 16
    // expected, 2 or more has a chance near 5%.
    expect(fits.filter(({ fit }) => fit.priceCheck.adopted).length).toBeLessThanOrEqual(1);
    for (const { policy, fit } of fits) {
      expect(fit.policy.reviewPrice).toBe(fit.priceCheck.adopted ? fit.priceCheck.learnedPrice : policy.reviewCost);
    }
  }, 60_000);

  it.each([1, 2, 3])('keeps the review cost when stated expected costs are right (seed %d)', (seed) => {
    const check = checkLearnedPrice({ rows: rowsStating(1, seed), reviewCost: 0.3, seed });
    expect([check.adopted, check.price]).toEqual([false, 0.3]);
  }, 20_000);

  it.each([1, 2, 3])('adopts a price near reviewCost / 5 when stated expected costs are a fifth of the real ones (seed %d)', (seed) => {
    // At 0.3 nothing is routed (every key is below 0.25); a row is worth a review when 5 · key > 0.3, key > 0.06.
    const check = checkLearnedPrice({ rows: rowsStating(5, seed), reviewCost: 0.3, seed });
    expect(check.adopted).toBe(true);
    expect(check.meanSaving).toBeGreaterThan(PRICE_CHECK_STANDARD_ERRORS * check.standardError);
    expect(check.price).toBe(check.learnedPrice);
    expect(check.price).toBeGreaterThan(0.03);
    expect(check.price).toBeLessThan(0.12);
  }, 20_000);

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
