import { routePrediction } from './route-prediction';
import type { RoutingPolicy } from './routing-policy';
import { routingErrorOf } from './fixtures.testing';
import { RoutingErrorCode } from './routing.error';

// Missing a true 1 costs 4, a false 1 costs 1, a review 0.5. For p = (0.875, 0.125): EC = (0.5, 0.875) → act on 0
// (0.5 is not above 0.5). For p = (0.75, 0.25): EC = (1, 0.75) → review, label 1.
const base: RoutingPolicy = { schemaVersion: 1, costMatrix: [[0, 1], [4, 0]], reviewCost: 0.5 };
const confident = [0.875, 0.125];
const costly = [0.75, 0.25];

describe('routePrediction', () => {
  it('acts or reviews by expected cost alone under a bare policy', () => {
    expect(routePrediction({ policy: base, predictionId: 'a', probs: confident })).toEqual({
      action: 'act',
      label: 0,
      calibratedProbs: confident,
      expectedCosts: [0.5, 0.875],
      reviewCost: 0.5,
      reasons: [],
    });
    expect(routePrediction({ policy: base, predictionId: 'b', probs: costly })).toMatchObject({
      action: 'review',
      label: 1,
      reasons: [{ kind: 'expected-cost', minExpectedCost: 0.75, reviewCost: 0.5 }],
    });
  }, 10_000);

  it('routes a decided label whose confidence is under that label’s floor, and only that label’s', () => {
    const policy: RoutingPolicy = { ...base, confidenceFloors: [{ label: 0, minConfidence: 0.9 }] };
    expect(routePrediction({ policy, predictionId: 'a', probs: confident })).toMatchObject({
      action: 'review',
      label: 0,
      reasons: [{ kind: 'confidence-floor', label: 0, confidence: 0.875, minConfidence: 0.9 }],
    });
    const otherLabel: RoutingPolicy = { ...base, confidenceFloors: [{ label: 1, minConfidence: 0.99 }] };
    expect(routePrediction({ policy: otherLabel, predictionId: 'a', probs: confident }).action).toBe('act');
  }, 10_000);

  it('routes by metadata rules and lists every reason that applies', () => {
    const policy: RoutingPolicy = {
      ...base,
      rules: [
        { id: 'high-value', when: { field: 'amount', op: '>', value: 1000 } },
        { id: 'new-market', when: { any: [{ field: 'country', op: 'in', value: ['BR', 'IN'] }] } },
      ],
    };
    const metadata = { amount: 5000, country: 'DE' };
    expect(routePrediction({ policy, predictionId: 'a', probs: confident, metadata }).reasons).toEqual([
      { kind: 'rule', ruleId: 'high-value' },
    ]);
    expect(routePrediction({ policy, predictionId: 'b', probs: costly, metadata }).reasons).toEqual([
      { kind: 'expected-cost', minExpectedCost: 0.75, reviewCost: 0.5 },
      { kind: 'rule', ruleId: 'high-value' },
    ]);
    expect(routePrediction({ policy, predictionId: 'a', probs: confident, metadata: { amount: 10 } }).action).toBe('act');
  }, 10_000);

  it('audits a share of what would be acted on, the same way for the same prediction id', () => {
    const all: RoutingPolicy = { ...base, audit: { share: 1, seed: 9 } };
    expect(routePrediction({ policy: all, predictionId: 'a', probs: confident })).toMatchObject({
      action: 'review',
      reasons: [{ kind: 'audit', share: 1 }],
    });
    // Already routed on cost: the audit adds no reason.
    expect(routePrediction({ policy: all, predictionId: 'b', probs: costly }).reasons.map((r) => r.kind)).toEqual([
      'expected-cost',
    ]);
    const some: RoutingPolicy = { ...base, audit: { share: 0.25, seed: 9 } };
    const ids = Array.from({ length: 400 }, (_, i) => `p${i}`);
    const audited = ids.filter((id) => routePrediction({ policy: some, predictionId: id, probs: confident }).action === 'review');
    expect(audited.length).toBeGreaterThan(60);
    expect(audited.length).toBeLessThan(140);
    expect(ids.filter((id) => routePrediction({ policy: some, predictionId: id, probs: confident }).action === 'review')).toEqual(
      audited,
    );
  }, 10_000);

  it('decides on the calibrated probabilities: a hot temperature can send an overconfident prediction to review', () => {
    // T = 2 turns (0.9, 0.1) into (√0.9, √0.1)/(√0.9 + √0.1) = (0.75, 0.25). With 0-1 costs and a review at 0.2:
    // as sent, EC = 0.1 → act; calibrated, EC = 0.25 → review.
    const policy: RoutingPolicy = { schemaVersion: 1, costMatrix: [[0, 1], [1, 0]], reviewCost: 0.2 };
    expect(routePrediction({ policy, predictionId: 'a', probs: [0.9, 0.1] }).action).toBe('act');
    const hot = routePrediction({ policy: { ...policy, temperature: 2 }, predictionId: 'a', probs: [0.9, 0.1] });
    expect(hot.action).toBe('review');
    expect(hot.calibratedProbs[0]).toBeCloseTo(0.75, 14);
    expect(hot.expectedCosts[0]).toBeCloseTo(0.25, 14);
  }, 10_000);

  it('uses the capacity price for the cost test only: at +∞ rules still route', () => {
    const policy: RoutingPolicy = { ...base, rules: [{ id: 'all', when: { all: [] } }] };
    const routed = routePrediction({ policy, predictionId: 'b', probs: costly, reviewCost: Infinity });
    expect(routed.reasons).toEqual([{ kind: 'rule', ruleId: 'all' }]);
    expect(routed.reviewCost).toBe(Infinity);
    expect(routePrediction({ policy: base, predictionId: 'b', probs: costly, reviewCost: 0.8 }).action).toBe('act');
  }, 10_000);

  it('compares against a learned reviewPrice when the policy has one, and a capacity price still overrides it', () => {
    // confident: min expected cost 0.5, acted on at the review cost 0.5; a learned price of 0.375 routes it.
    const learned: RoutingPolicy = { ...base, reviewPrice: 0.375 };
    expect(routePrediction({ policy: learned, predictionId: 'a', probs: confident })).toMatchObject({
      action: 'review',
      reviewCost: 0.375,
      reasons: [{ kind: 'expected-cost', minExpectedCost: 0.5, reviewCost: 0.375 }],
    });
    // costly: min expected cost 0.75, routed at 0.5 but acted on under a learned price of 0.8.
    expect(routePrediction({ policy: { ...base, reviewPrice: 0.8 }, predictionId: 'b', probs: costly }).action).toBe('act');
    expect(routePrediction({ policy: learned, predictionId: 'a', probs: confident, reviewCost: 0.6 }).action).toBe('act');
  }, 10_000);

  it('routes a confident prediction when the model was overturned on enough of its nearest reviewed cases', () => {
    const policy: RoutingPolicy = { ...base, similarCases: { k: 3, minOverturned: 2, minSimilarity: 0.5 } };
    const near = [
      { similarity: 0.9, overturned: true },
      { similarity: 0.8, overturned: false },
      { similarity: 0.6, overturned: true },
      // Past k: not counted, however overturned.
      { similarity: 0.55, overturned: true },
    ];
    expect(routePrediction({ policy, predictionId: 'a', probs: confident, neighbours: near })).toMatchObject({
      action: 'review',
      label: 0,
      reasons: [{ kind: 'similar-cases', overturned: 2, neighbours: 3 }],
    });
    // The third neighbour below the similarity bar: one overturned of two, not enough.
    const farther = near.map((n, i) => (i === 2 ? { ...n, similarity: 0.4 } : n));
    expect(routePrediction({ policy, predictionId: 'a', probs: confident, neighbours: farther })).toMatchObject({ action: 'act', reasons: [] });
    // Without the policy's similarCases, or without neighbours, nothing changes.
    expect(routePrediction({ policy: base, predictionId: 'a', probs: confident, neighbours: near }).action).toBe('act');
    expect(routePrediction({ policy, predictionId: 'a', probs: confident }).action).toBe('act');
    expect(routingErrorOf(() => routePrediction({ policy: { ...policy, similarCases: { k: 3, minOverturned: 4, minSimilarity: 0 } }, predictionId: 'a', probs: confident }))).toEqual([
      RoutingErrorCode.InvalidPolicy,
      'similarCases.minOverturned',
    ]);
  }, 10_000);

  it('refuses a probability vector of another length than the policy’s labels, and an unusable policy', () => {
    const route = (policy: RoutingPolicy, probs: number[]) => () => routePrediction({ policy, predictionId: 'a', probs });
    expect(routingErrorOf(route(base, [0.5, 0.25, 0.25]))).toEqual([RoutingErrorCode.InvalidShape, 'probs']);
    expect(routingErrorOf(route({ ...base, temperature: 0 }, confident))).toEqual([
      RoutingErrorCode.InvalidPolicy,
      'temperature',
    ]);
  }, 10_000);

  it('keeps a policy JSON-serialisable: a round trip routes the same', () => {
    const policy: RoutingPolicy = {
      ...base,
      temperature: 1.3,
      confidenceFloors: [{ label: 1, minConfidence: 0.6 }],
      audit: { share: 0.1, seed: 5 },
      rules: [{ id: 'eu', when: { field: 'region', op: '==', value: 'eu' } }],
    };
    const copy = JSON.parse(JSON.stringify(policy)) as RoutingPolicy;
    const input = { predictionId: 'x-17', probs: [0.6, 0.4], metadata: { region: 'eu' } };
    expect(routePrediction({ ...input, policy: copy })).toEqual(routePrediction({ ...input, policy }));
  }, 10_000);
});
