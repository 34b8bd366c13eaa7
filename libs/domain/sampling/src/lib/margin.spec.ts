import { margin } from './margin';
import { itMatchesHandWorkedCases } from './uncertainty-fixture.testing';

describe('margin', () => {
  itMatchesHandWorkedCases('margin', margin);

  it('compares the two largest probabilities wherever they sit in the row', () => {
    // Margins: 0.6 - 0.3 = 0.3, 0.45 - 0.4 = 0.05 (classes 2 and 0), 0.5 - 0.3 = 0.2 (a repeated second).
    const probs = [
      [0.1, 0.6, 0.3],
      [0.4, 0.15, 0.45],
      [0.3, 0.5, 0.2],
    ];
    expect(margin({ probs, batchSize: 3 })).toEqual([1, 2, 0]);
  }, 10_000);
});
