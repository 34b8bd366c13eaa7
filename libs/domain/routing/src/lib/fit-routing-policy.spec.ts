import { evaluatePolicies } from './evaluate-policies';
import { fitRoutingPolicy, MIN_REVIEWED_PREDICTIONS } from './fit-routing-policy';
import type { FitRoutingPolicyInput } from './fit-routing-policy';
import { inAuditSample } from './audit-sample';
import { checkRoutingPolicy, type RoutingPolicy } from './routing-policy';
import { routingErrorOf } from './fixtures.testing';
import { RoutingErrorCode } from './routing.error';
import { syntheticReviews } from './synthetic-reviews.testing';

const zeroOne3: RoutingPolicy = { schemaVersion: 1, costMatrix: [[0, 1, 1], [1, 0, 1], [1, 1, 0]], reviewCost: 0.2 };
// Missing a true 1 costs 10, a false alarm 1, a review 0.3.
const missCostly: RoutingPolicy = { schemaVersion: 1, costMatrix: [[0, 1], [10, 0]], reviewCost: 0.3 };

describe('fitRoutingPolicy on synthetic reviews whose probabilities are right by construction', () => {
  it.each([
    ['0/1 costs, three classes', zeroOne3, 1],
    ['0/1 costs, three classes', zeroOne3, 2],
    ['a missed 1 costs 10', missCostly, 1],
    ['a missed 1 costs 10', missCostly, 2],
  ])('%s (seed %d): the learned policy costs less on held-out verdicts than routing all or none', (_name, policy, seed) => {
    const k = policy.costMatrix.length;
    const predictions = syntheticReviews({ rows: 2_000, numClasses: k, seed, spread: 2 });
    const { evaluation: e, heldOutRows } = fitRoutingPolicy({ policy, predictions, seed });
    expect(e.rows).toBe(heldOutRows);
    expect(e.learned.total).toBeLessThan(e.routeNone.total);
    expect(e.learned.total).toBeLessThan(e.routeAll.total);
    expect(e.learned.routed).toBeGreaterThan(0);
    expect(e.learned.routed).toBeLessThan(heldOutRows);
    if (policy === missCostly) {
      // The fixed 0.5 threshold routes nothing with two classes and acts on the argmax, missing costly 1s.
      expect(e.learned.total).toBeLessThan(0.5 * e.fixedThreshold.total);
    }
  }, 20_000);

  it('finds the temperature that undoes an overconfident model (logits doubled → T ≈ 2)', () => {
    const predictions = syntheticReviews({ rows: 2_000, numClasses: 3, seed: 3, spread: 2, sharpen: 2 });
    const fit = fitRoutingPolicy({ policy: zeroOne3, predictions, seed: 3 });
    expect(Math.abs(fit.policy.temperature! / 2 - 1)).toBeLessThan(0.1);
    expect(fit.temperatureFit.nllAfter).toBeLessThan(fit.temperatureFit.nllBefore);
    // Calibrated, the overconfident model decides as the calibrated one does: the same held-out costs within 2%.
    const calibrated = fitRoutingPolicy({ policy: zeroOne3, predictions: syntheticReviews({ rows: 2_000, numClasses: 3, seed: 3, spread: 2 }), seed: 3 });
    expect(Math.abs(fit.evaluation.learned.total / calibrated.evaluation.learned.total - 1)).toBeLessThan(0.02);
  }, 20_000);

  it('splits by a hash of the prediction id and seed, learns the price that is cheapest on the fit part, proposes it or the review cost as the check says, and keeps the rest of the policy', () => {
    const policy: RoutingPolicy = { ...missCostly, temperature: 3, confidenceFloors: [{ label: 1, minConfidence: 0.6 }], audit: { share: 0.05, seed: 7 }, rules: [] };
    const predictions = syntheticReviews({ rows: 600, numClasses: 2, seed: 5, spread: 2 });
    const fit = fitRoutingPolicy({ policy, predictions, seed: 11, heldOutShare: 0.3 });
    // Held out exactly where the audit draw (the same hash rule) says so.
    const heldOut = predictions.filter((p) => inAuditSample(p.id, 0.3, 11));
    const fitPart = predictions.filter((p) => !inAuditSample(p.id, 0.3, 11));
    expect([fit.heldOutRows, fit.fitRows]).toEqual([heldOut.length, fitPart.length]);
    expect(fit.evaluation).toEqual(evaluatePolicies({ predictions: heldOut, costMatrix: policy.costMatrix, reviewCost: policy.reviewCost, learned: { temperature: fit.policy.temperature!, classBias: fit.policy.classBias, reviewPrice: fit.policy.reviewPrice! } }));
    // On the fit part no price on its curve beats the cheapest one; the proposal takes it if the out-of-fold check
    // adopts it, else the review cost.
    const onFit = (reviewPrice: number) => evaluatePolicies({ predictions: fitPart, costMatrix: policy.costMatrix, reviewCost: policy.reviewCost, learned: { temperature: fit.policy.temperature!, classBias: fit.policy.classBias, reviewPrice } });
    expect(onFit(fit.policy.reviewPrice!).learned.total).toBe(fit.fitCost.total);
    const cheapest = onFit(fit.priceCheck.learnedPrice);
    expect(Math.min(...cheapest.curves.price.map((p) => p.total))).toBeCloseTo(cheapest.learned.total, 9);
    expect(fit.policy.reviewPrice).toBe(fit.priceCheck.adopted ? fit.priceCheck.learnedPrice : policy.reviewCost);
    // The proposal: the current policy with the fitted temperature (not the old 3), class bias and price.
    const { temperature, reviewPrice, classBias, ...rest } = fit.policy;
    expect(classBias).toHaveLength(2);
    const { temperature: _old, ...kept } = policy;
    expect(rest).toEqual(kept);
    expect(temperature).not.toBe(3);
    expect(reviewPrice).toBeGreaterThan(0);
    expect(checkRoutingPolicy(fit.policy)).toBe(2);
    // Deterministic, and another seed splits otherwise.
    expect(fitRoutingPolicy({ policy, predictions, seed: 11, heldOutShare: 0.3 })).toEqual(fit);
    expect(fitRoutingPolicy({ policy, predictions, seed: 12, heldOutShare: 0.3 }).heldOutRows).not.toBe(fit.heldOutRows);
  }, 20_000);

  const rows = syntheticReviews({ rows: MIN_REVIEWED_PREDICTIONS, numClasses: 2, seed: 9, spread: 2 });
  const good: FitRoutingPolicyInput = { policy: missCostly, predictions: rows, seed: 1 };
  const replace = (i: number, change: object) => rows.map((r, j) => (j === i ? { ...r, ...change } : r));
  it.each<[string, Partial<FitRoutingPolicyInput>, string, string]>([
    [`fewer than ${MIN_REVIEWED_PREDICTIONS} reviewed predictions`, { predictions: rows.slice(1) }, RoutingErrorCode.InvalidShape, 'predictions'],
    ['a split that leaves a part under 30 rows', { heldOutShare: 0.05 }, RoutingErrorCode.InvalidShape, 'predictions'],
    ['a prediction listed twice', { predictions: replace(5, { id: rows[2].id }) }, RoutingErrorCode.InvalidValue, 'predictions[5].id'],
    ['a prediction without an id', { predictions: replace(4, { id: '' }) }, RoutingErrorCode.InvalidValue, 'predictions[4].id'],
    ['a probability above 1', { predictions: replace(3, { probs: [1.5, -0.5] }) }, RoutingErrorCode.InvalidProbability, 'predictions[3].probs[0]'],
    ['a label the policy does not have', { predictions: replace(7, { label: 2 }) }, RoutingErrorCode.InvalidLabel, 'predictions[7].label'],
    ['a held-out share of 1', { heldOutShare: 1 }, RoutingErrorCode.InvalidValue, 'heldOutShare'],
    ['a fractional seed', { seed: 1.5 }, RoutingErrorCode.InvalidValue, 'seed'],
    ['an unusable policy', { policy: { ...missCostly, costMatrix: [[0]] } }, RoutingErrorCode.InvalidPolicy, 'costMatrix'],
  ])('refuses %s, naming the field', (_name, change, code, path) => {
    expect(routingErrorOf(() => fitRoutingPolicy({ ...good, ...change }))).toEqual([code, path]);
  }, 20_000);
});
