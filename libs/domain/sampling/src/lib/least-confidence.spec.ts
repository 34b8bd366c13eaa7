import { leastConfidence } from './least-confidence';
import { itMatchesHandWorkedCases } from './uncertainty-fixture.testing';

describe('leastConfidence', () => {
  itMatchesHandWorkedCases('leastConfidence', leastConfidence);

  it('orders by max p exactly where 1 - max p would round two different maxima together', () => {
    // 1 - 0.30000000000000004 and 1 - 0.3 are the same double (0.7); the row with the smaller max is less confident.
    const higher = 0.30000000000000004;
    expect(1 - higher).toBe(1 - 0.3);
    const probs = [
      [higher, 0.29999999999999993, 0.2, 0.2],
      [0.3, 0.3, 0.2, 0.2],
    ];
    expect(leastConfidence({ probs, batchSize: 2 })).toEqual([1, 0]);
  }, 10_000);
});
