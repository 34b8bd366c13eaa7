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

  it('scores a row the same in any class order, so permuted rows tie and keep index order', () => {
    // Summed in row order, [0.15, 0.8, 0.05] gives 0.6128694524619495 and [0.05, 0.15, 0.8] 0.6128694524619496:
    // the later row would win by one ulp. Summed in ascending order both give the latter.
    expect(entropy({ probs: [[0.15, 0.8, 0.05], [0.05, 0.15, 0.8]], batchSize: 2 })).toEqual([0, 1]);
    // The same beyond 16 classes, where the built-in sort replaces the insertion sort (row order: 2.825192389048492
    // for the rotated row, 2.8251923890484925 for the ascending one).
    const row = Array.from({ length: 20 }, (_, c) => (c + 1) / 210);
    expect(entropy({ probs: [[...row.slice(10), ...row.slice(0, 10)], row], batchSize: 2 })).toEqual([0, 1]);
  }, 10_000);
});
