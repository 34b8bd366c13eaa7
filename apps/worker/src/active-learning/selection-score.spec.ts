import { selectionScore } from './selection-score';

describe('selectionScore', () => {
  const probs = Float32Array.from([0.5, 0.3, 0.2, 1, 0, 0]);
  it.each([
    ['least-confidence', 0, 0.5],
    ['margin', 0, 0.2],
    ['hybrid', 0, 0.2],
    // -(0.5 ln 0.5 + 0.3 ln 0.3 + 0.2 ln 0.2) = 1.0296530140645737 (hand-computed; scipy.stats.entropy agrees)
    ['entropy', 0, 1.0296530140645737],
    ['entropy', 1, 0],
    ['kmeans-pp', 0, null],
  ] as const)('%s of row %i is %p', (strategy, row, expected) => {
    const got = selectionScore(strategy, probs, 3, row);
    if (expected === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(expected, 6);
  });

  it('is null without probabilities (a cold start)', () => {
    expect(selectionScore('margin', null, 3, 0)).toBeNull();
  });
});
