import { decide } from './decide';
import type { Decision } from './decide';
import { loadFixture, routingErrorOf } from './fixtures.testing';
import { RoutingErrorCode } from './routing.error';

interface DecideCase {
  name: string;
  probs: number[];
  costMatrix: number[][];
  reviewCost: number;
  expected: Decision;
}

const { cases } = loadFixture<{ cases: DecideCase[] }>('decide-hand.json');

describe('decide (expected cost against the review cost)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('hand-worked: %s', (_name, c) => {
    expect(decide({ probs: c.probs, costMatrix: c.costMatrix, reviewCost: c.reviewCost })).toEqual(c.expected);
  }, 10_000);

  it('takes float32 probabilities and never routes at an infinite review cost', () => {
    const probs = Float32Array.from([0.5, 0.5]);
    expect(decide({ probs, costMatrix: [[0, 100], [100, 0]], reviewCost: Infinity })).toEqual({
      action: 'act',
      label: 0,
      expectedCosts: [50, 50],
    });
  }, 10_000);

  it('accepts probabilities rounded to three decimals but not a vector that is off by more', () => {
    const costMatrix = [[0, 1, 1], [1, 0, 1], [1, 1, 0]];
    expect(decide({ probs: [0.333, 0.333, 0.333], costMatrix, reviewCost: 1 }).label).toBe(0);
    expect(routingErrorOf(() => decide({ probs: [0.33, 0.33, 0.33], costMatrix, reviewCost: 1 }))).toEqual([
      RoutingErrorCode.InvalidProbability,
      'probs',
    ]);
  }, 10_000);

  it.each([
    ['no classes', { probs: [], costMatrix: [], reviewCost: 1 }, RoutingErrorCode.InvalidShape, 'probs'],
    ['a NaN probability', { probs: [NaN, 1], costMatrix: [[0, 1], [1, 0]], reviewCost: 1 }, RoutingErrorCode.NotFinite, 'probs[0]'],
    ['a probability above 1', { probs: [1.5, -0.5], costMatrix: [[0, 1], [1, 0]], reviewCost: 1 }, RoutingErrorCode.InvalidProbability, 'probs[0]'],
    ['too few rows', { probs: [0.5, 0.5], costMatrix: [[0, 1]], reviewCost: 1 }, RoutingErrorCode.InvalidShape, 'costMatrix'],
    ['a short row', { probs: [0.5, 0.5], costMatrix: [[0, 1], [1]], reviewCost: 1 }, RoutingErrorCode.InvalidShape, 'costMatrix[1]'],
    ['an infinite cost', { probs: [0.5, 0.5], costMatrix: [[0, Infinity], [1, 0]], reviewCost: 1 }, RoutingErrorCode.NotFinite, 'costMatrix[0][1]'],
    ['a negative cost', { probs: [0.5, 0.5], costMatrix: [[0, 1], [-1, 0]], reviewCost: 1 }, RoutingErrorCode.NegativeCost, 'costMatrix[1][0]'],
    ['a negative review cost', { probs: [0.5, 0.5], costMatrix: [[0, 1], [1, 0]], reviewCost: -1 }, RoutingErrorCode.NegativeCost, 'reviewCost'],
    ['a NaN review cost', { probs: [0.5, 0.5], costMatrix: [[0, 1], [1, 0]], reviewCost: NaN }, RoutingErrorCode.NotFinite, 'reviewCost'],
  ])('rejects %s, naming the field', (_name, input, code, path) => {
    expect(routingErrorOf(() => decide(input))).toEqual([code, path]);
  }, 10_000);
});
