import { evaluatePolicies } from './evaluate-policies';
import type { CostCurvePoint, EvaluatePoliciesInput, PolicyCost } from './evaluate-policies';
import { loadFixture, routingErrorOf } from './fixtures.testing';
import { RoutingErrorCode } from './routing.error';

type TotalRouted = [number, number];
interface EvaluationCase extends EvaluatePoliciesInput {
  name: string;
  expected: {
    routeAll: TotalRouted;
    routeNone: TotalRouted;
    fixedThreshold: TotalRouted;
    bestThreshold: { threshold: number; total: number; routed: number };
    atReviewCost: TotalRouted;
    learned: TotalRouted;
    /** [threshold (null = Infinity), total, routed] */
    thresholdCurve: [number | null, number, number][];
    priceCurve: [number, number, number][];
  };
}

const { cases } = loadFixture<{ cases: EvaluationCase[] }>('policy-evaluation-hand.json');
const totalRouted = (c: PolicyCost): TotalRouted => [c.total, c.routed];
const curve = (points: CostCurvePoint[]) => points.map((p) => [p.threshold === Infinity ? null : p.threshold, p.total, p.routed]);

describe('evaluatePolicies (hand-worked cost matrices with ties)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const e = evaluatePolicies(c);
    const n = c.predictions.length;
    expect(e.rows).toBe(n);
    expect(totalRouted(e.routeAll)).toEqual(c.expected.routeAll);
    expect(totalRouted(e.routeNone)).toEqual(c.expected.routeNone);
    expect(totalRouted(e.fixedThreshold)).toEqual(c.expected.fixedThreshold);
    expect(e.fixedThreshold.threshold).toBe(0.5);
    expect({ threshold: e.bestThreshold.threshold, total: e.bestThreshold.total, routed: e.bestThreshold.routed }).toEqual(c.expected.bestThreshold);
    expect(totalRouted(e.atReviewCost)).toEqual(c.expected.atReviewCost);
    expect(totalRouted(e.learned)).toEqual(c.expected.learned);
    expect(e.learned).toMatchObject(c.learned);
    expect(curve(e.curves.threshold)).toEqual(c.expected.thresholdCurve);
    expect(curve(e.curves.price)).toEqual(c.expected.priceCurve);
    // Means and shares are the totals over the row count.
    for (const p of [e.routeAll, e.learned, ...e.curves.threshold, ...e.curves.price]) {
      expect([p.mean, p.routedShare]).toEqual([p.total / n, p.routed / n]);
    }
  }, 10_000);

  it('decides the learned policy on calibrated probabilities: T = 0.5 squares and renormalises them', () => {
    // (.75, .25) at T = 0.5 → (.5625, .0625) / .625 = (.9, .1): min expected cost .1 under 0/1 costs. As sent it is
    // .25, above a price of .2 (routed); calibrated it is .1, below it (acted on, and wrong: truth 1 → cost 1).
    const input = { costMatrix: [[0, 1], [1, 0]], reviewCost: 0.2, predictions: [{ probs: [0.75, 0.25], label: 1 }] };
    expect(totalRouted(evaluatePolicies({ ...input, learned: { temperature: 1, reviewPrice: 0.2 } }).learned)).toEqual([0.2, 1]);
    const sharp = evaluatePolicies({ ...input, learned: { temperature: 0.5, reviewPrice: 0.2 } });
    expect(totalRouted(sharp.learned)).toEqual([1, 0]);
    expect(sharp.curves.price.map((p) => p.routed)).toEqual([0, 1]);
    expect(sharp.curves.price[1].threshold).toBeCloseTo(0.05, 12);
    // The baselines read the probabilities as sent, whatever the temperature.
    expect(totalRouted(sharp.routeNone)).toEqual([1, 0]);
    expect(sharp.bestThreshold.threshold).toBe(Infinity);
  }, 10_000);

  const good: EvaluatePoliciesInput = {
    costMatrix: [[0, 1], [1, 0]],
    reviewCost: 0.2,
    learned: { temperature: 1, reviewPrice: 0.2 },
    predictions: [{ probs: [0.5, 0.5], label: 0 }],
  };
  it.each<[string, Partial<EvaluatePoliciesInput>, string, string]>([
    ['no predictions', { predictions: [] }, RoutingErrorCode.InvalidShape, 'predictions'],
    ['a ragged cost matrix', { costMatrix: [[0, 1], [1]] }, RoutingErrorCode.InvalidShape, 'costMatrix[1]'],
    ['an infinite review cost', { reviewCost: Infinity }, RoutingErrorCode.InvalidValue, 'reviewCost'],
    ['a row of the wrong width', { predictions: [good.predictions[0], { probs: [1], label: 0 }] }, RoutingErrorCode.InvalidShape, 'predictions[1].probs'],
    ['probabilities that do not sum to 1', { predictions: [{ probs: [0.5, 0.6], label: 0 }] }, RoutingErrorCode.InvalidProbability, 'predictions[0].probs'],
    ['a label out of range', { predictions: [{ probs: [0.5, 0.5], label: 2 }] }, RoutingErrorCode.InvalidLabel, 'predictions[0].label'],
    ['a zero temperature', { learned: { temperature: 0, reviewPrice: 0.2 } }, RoutingErrorCode.InvalidValue, 'learned.temperature'],
    ['a negative price', { learned: { temperature: 1, reviewPrice: -1 } }, RoutingErrorCode.NegativeCost, 'learned.reviewPrice'],
  ])('refuses %s, naming the field', (_name, change, code, path) => {
    expect(routingErrorOf(() => evaluatePolicies({ ...good, ...change }))).toEqual([code, path]);
  }, 10_000);
});
