import { inAuditSample } from './audit-sample';
import { evaluatePolicies } from './evaluate-policies';
import { fitTemperatureAndBias } from './class-bias';
import { fitRoutingPolicy } from './fit-routing-policy';
import type { RoutingPolicy } from './routing-policy';
import { syntheticReviews } from './synthetic-reviews.testing';
import { fitTemperature, logitsFromProbs } from './temperature';

// Missing a true 1 costs 10, a false alarm 1, a review 0.3.
const missCostly: RoutingPolicy = { schemaVersion: 1, costMatrix: [[0, 1], [10, 0]], reviewCost: 0.3 };

describe('fitTemperatureAndBias: a temperature and a shift per class, fitted together', () => {
  it.each([
    ['calibrated', 1, [0, 0, 0], 1, [0, 0, 0]],
    ['logits doubled', 2, [0, 0, 0], 2, [0, 0, 0]],
    // The model adds 1.5 to class 2's logit: undone by −1.5 there, centred to sum 0: [0.5, 0.5, −1].
    ['leaning toward class 2', 1, [0, 0, 1.5], 1, [0.5, 0.5, -1]],
    // −[1, 0, 0] / 2 centred.
    ['doubled and leaning toward class 0', 2, [1, 0, 0], 2, [-1 / 3, 1 / 6, 1 / 6]],
  ])('recovers what was done to calibrated logits: %s', (_name, sharpen, bias, temperature, classBias) => {
    const rows = syntheticReviews({ rows: 20_000, numClasses: 3, seed: 5, spread: 2, sharpen, bias });
    const fit = fitTemperatureAndBias(rows, 3);
    expect(Math.abs(fit.temperature / temperature - 1)).toBeLessThan(0.05);
    // The model sends softmax(s·z + β); ln p / s − β / s gives z back, so b = −β / s, centred to sum 0.
    fit.classBias.forEach((b, c) => expect(Math.abs(b - classBias[c])).toBeLessThan(0.08));
    expect(fit.classBias.reduce((s, b) => s + b, 0)).toBeCloseTo(0, 12);
    expect(fit.nllAfter).toBeLessThanOrEqual(fit.nllBefore);
  }, 60_000);

  it('is never worse in NLL than the temperature alone, which it contains (b = 0)', () => {
    const rows = syntheticReviews({ rows: 3_000, numClasses: 4, seed: 2, spread: 1.5, sharpen: 0.6, bias: [0.4, 0, -0.3, 0] });
    const both = fitTemperatureAndBias(rows, 4);
    const alone = fitTemperature({ logits: rows.map((r) => logitsFromProbs(r.probs)), labels: rows.map((r) => r.label) });
    expect(both.nllBefore).toBeCloseTo(alone.nllBefore, 12);
    expect(both.nllAfter).toBeLessThan(alone.nllAfter);
  }, 20_000);

  it('with no rows: T = 1 and no bias', () => {
    expect(fitTemperatureAndBias([], 2)).toEqual({ temperature: 1, classBias: [0, 0], nllBefore: 0, nllAfter: 0 });
  });

  it.each([1, 2, 3])(
    're-fit of a model leaning toward the cheap-to-miss class (seed %d): the fitted bias costs less held out than the temperature alone',
    (seed) => {
      // The model adds 2 to class 0's logit: it calls true 1s (costly to miss) 0 with confidence.
      const predictions = syntheticReviews({ rows: 2_000, numClasses: 2, seed, spread: 2, bias: [2, 0] });
      const fit = fitRoutingPolicy({ policy: missCostly, predictions, seed });
      expect(fit.policy.classBias![0]).toBeLessThan(-0.8);
      // The split fitRoutingPolicy makes (the audit draw's hash rule), and the temperature fitted alone on its fit part.
      const heldOut = predictions.filter((p) => inAuditSample(p.id, 0.5, seed));
      const fitPart = predictions.filter((p) => !inAuditSample(p.id, 0.5, seed));
      const alone = fitTemperature({ logits: fitPart.map((p) => logitsFromProbs(p.probs)), labels: fitPart.map((p) => p.label) });
      const withoutBias = evaluatePolicies({ predictions: heldOut, costMatrix: missCostly.costMatrix, reviewCost: 0.3, learned: { temperature: alone.temperature, reviewPrice: 0.3 } });
      expect(fit.evaluation.atReviewCost.total).toBeLessThan(0.95 * withoutBias.learned.total);
    },
    20_000,
  );
});
