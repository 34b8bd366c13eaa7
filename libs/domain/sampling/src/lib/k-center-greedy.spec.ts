import { mulberry32 } from '@arbiter/util/random';
import { loadFixture } from './fixtures.testing';
import { kCenterGreedy } from './k-center-greedy';

interface Near {
  points: number[][];
  kCenterOrder: number[];
  labeled: number[];
  kCenterLabeledOrder: number[];
}
const { near } = loadFixture<{ near: Near }>('three-clusters.json');

describe('kCenterGreedy', () => {
  it('starts at the row nearest the mean, then goes farthest-first, ties by the lower index', () => {
    expect(kCenterGreedy({ embeddings: near.points, batchSize: 9 })).toEqual(near.kCenterOrder);
    expect(kCenterGreedy({ embeddings: Float32Array.from(near.points.flat()), dim: 2, batchSize: 4 })).toEqual(near.kCenterOrder.slice(0, 4));
  }, 10_000);

  it('measures from the labeled rows and never returns them', () => {
    const labeled = new Set(near.labeled);
    expect(kCenterGreedy({ embeddings: near.points, batchSize: 4, labeled })).toEqual(near.kCenterLabeledOrder);
    const all = kCenterGreedy({ embeddings: near.points, batchSize: 20, labeled: near.points.map((_, i) => labeled.has(i)) });
    expect(all).toHaveLength(8);
    expect(all).not.toContain(0);
  }, 10_000);

  it('covers the space: on a seeded random set each pick is at least as far out as the next one', () => {
    const random = mulberry32(3);
    const n = 2_000;
    const d = 5;
    const embeddings = Float64Array.from({ length: n * d }, () => random());
    const labeled = new Set([10, 20, 30]);
    const picks = kCenterGreedy({ embeddings, dim: d, batchSize: 50, labeled });
    expect(picks).toHaveLength(50);
    expect(new Set(picks).size).toBe(50);
    for (const l of labeled) expect(picks).not.toContain(l);
    // The distance at which each pick was made, recomputed by brute force, never increases (farthest-first).
    const dist = (a: number, b: number) => Math.hypot(...Array.from({ length: d }, (_, j) => embeddings[a * d + j] - embeddings[b * d + j]));
    const centres = [...labeled];
    const radii = picks.map((p) => {
      const r = Math.min(...centres.map((c) => dist(p, c)));
      centres.push(p);
      return r;
    });
    for (let x = 1; x < radii.length; x++) expect(radii[x]).toBeLessThanOrEqual(radii[x - 1]);
  }, 10_000);

  it('returns every candidate once when the batch is larger, duplicates included', () => {
    const picks = kCenterGreedy({ embeddings: [[1, 1], [1, 1], [1, 1], [4, 5]], batchSize: 10 });
    expect([...picks].sort()).toEqual([0, 1, 2, 3]);
    expect(picks.slice(0, 2)).toEqual([0, 3]);
  }, 10_000);

  it('rejects ragged rows, a dim that does not divide the array, and non-finite coordinates', () => {
    expect(() => kCenterGreedy({ embeddings: [[0, 0], [1]], batchSize: 1 })).toThrow(new RangeError('embeddings row 1 has 1 entries, expected 2 like row 0'));
    expect(() => kCenterGreedy({ embeddings: new Float32Array(10), dim: 3, batchSize: 1 })).toThrow(
      new RangeError('embeddings has 10 entries, not a multiple of dim = 3'),
    );
    expect(() => kCenterGreedy({ embeddings: [[0, Infinity]], batchSize: 1 })).toThrow(/embeddings row 0, column 1 is Infinity/);
    expect(() => kCenterGreedy({ embeddings: [[0]], batchSize: -2 })).toThrow(/^batchSize/);
  }, 10_000);
});
