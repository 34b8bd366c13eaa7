import { weightedKMeans } from './weighted-k-means';

const rowMajor = (points: number[][]) => ({ values: Float64Array.from(points.flat()), n: points.length, width: points[0].length });

describe('weightedKMeans', () => {
  it('moves each centre to the weighted mean of its members', () => {
    // Clusters {0, 1, 2} and {3, 4}: centres (0·1 + 3·2 + 4·1) / 4 = 2.5 and (10·1 + 13·3) / 4 = 12.25.
    const rows = rowMajor([[0], [3], [4], [10], [13]]);
    const { centres, assignment } = weightedKMeans({ rows, weights: Float64Array.of(1, 2, 1, 1, 3), initial: [0, 3], maxIterations: 100 });
    expect(Array.from(centres)).toEqual([2.5, 12.25]);
    expect(Array.from(assignment)).toEqual([0, 0, 0, 1, 1]);
  }, 10_000);

  it('uses the plain mean for a cluster whose weights are all 0', () => {
    const rows = rowMajor([[0], [2], [10]]);
    const { centres } = weightedKMeans({ rows, weights: Float64Array.of(0, 0, 1), initial: [0, 2], maxIterations: 100 });
    expect(Array.from(centres)).toEqual([1, 10]);
  }, 10_000);

  it('re-seeds an empty cluster at the row farthest from its centre', () => {
    // Both centres start at 0 (duplicate rows); ties go to centre 0, which takes everything, so centre 1 is
    // empty and moves to row 3, the farthest from centre 0's mean (3.25).
    const rows = rowMajor([[0], [0], [1], [12]]);
    const { centres, assignment } = weightedKMeans({ rows, weights: Float64Array.of(1, 1, 1, 1), initial: [0, 1], maxIterations: 100 });
    expect(Array.from(assignment)).toEqual([0, 0, 0, 1]);
    expect(Array.from(centres)).toEqual([1 / 3, 12]);
  }, 10_000);

  it('stops when no assignment changes, or at maxIterations', () => {
    const rows = rowMajor([[0], [1], [9], [10]]);
    expect(weightedKMeans({ rows, weights: Float64Array.of(1, 1, 1, 1), initial: [0, 3], maxIterations: 100 }).iterations).toBe(1);
    expect(weightedKMeans({ rows, weights: Float64Array.of(1, 1, 1, 1), initial: [0, 1], maxIterations: 1 }).iterations).toBe(1);
  }, 10_000);
});
