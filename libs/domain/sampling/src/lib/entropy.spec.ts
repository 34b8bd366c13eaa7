import { entropy } from './entropy';
import { itMatchesHandWorkedCases } from './uncertainty-fixture.testing';

describe('entropy', () => {
  itMatchesHandWorkedCases('entropy', entropy);

  it('ranks differently from least confidence when the tail is spread out', () => {
    // Row 0: max 0.5 but the rest spread over 8 classes (H = 0.5 ln 2 + 0.5 ln 16 = 1.733); row 1: max 0.4 but
    // only two other classes (H = 0.4 ln 2.5 + 2 · 0.3 ln(10/3) = 1.089). Least confidence prefers row 1.
    const probs = [
      [0.5, 0.0625, 0.0625, 0.0625, 0.0625, 0.0625, 0.0625, 0.0625, 0.0625],
      [0.4, 0.3, 0.3, 0, 0, 0, 0, 0, 0],
    ];
    expect(entropy({ probs, batchSize: 2 })).toEqual([0, 1]);
  }, 10_000);

  it('treats 0 · ln 0 as 0: zeros neither add uncertainty nor turn the score into NaN', () => {
    const probs = [
      [0.5, 0.5, 0, 0],
      [0.5, 0.25, 0.25, 0],
      [1, 0, 0, 0],
    ];
    expect(entropy({ probs, batchSize: 3 })).toEqual([1, 0, 2]);
  }, 10_000);

  it('scores a row the same in any class order, even with more classes than the insertion sort handles', () => {
    const row = Array.from({ length: 20 }, (_, c) => (c + 1) / 210);
    const probs = [row, [...row].reverse(), [...row.slice(10), ...row.slice(0, 10)]];
    expect(entropy({ probs, batchSize: 3 })).toEqual([0, 1, 2]);
  }, 10_000);
});
