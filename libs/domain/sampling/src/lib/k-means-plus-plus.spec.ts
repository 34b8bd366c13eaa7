import { mulberry32 } from '@arbiter/util/random';
import { loadFixture } from './fixtures.testing';
import { kMeansPlusPlus } from './k-means-plus-plus';

interface Far {
  points: number[][];
  clusters: number[][];
}
const { far } = loadFixture<{ far: Far }>('three-clusters.json');
const clusterOf = (i: number) => far.clusters.findIndex((c) => c.includes(i));

describe('kMeansPlusPlus', () => {
  it('takes one row per cluster when the clusters are far apart, for every seed', () => {
    // Once a cluster has a seed its other rows weigh ≤ 4 against ≈ 10⁶ for each row elsewhere.
    for (let seed = 0; seed < 50; seed++) {
      const picks = kMeansPlusPlus({ embeddings: far.points, batchSize: 3, seed });
      expect(picks.map(clusterOf).sort()).toEqual([0, 1, 2]);
    }
  }, 10_000);

  it('is deterministic for a seed, and the seed matters', () => {
    const random = mulberry32(11);
    const embeddings = Float32Array.from({ length: 500 * 4 }, () => random());
    const a = kMeansPlusPlus({ embeddings, dim: 4, batchSize: 20, seed: 1 });
    expect(kMeansPlusPlus({ embeddings, dim: 4, batchSize: 20, seed: 1 })).toEqual(a);
    expect(kMeansPlusPlus({ embeddings, dim: 4, batchSize: 20, seed: 2 })).not.toEqual(a);
    expect(new Set(a).size).toBe(20);
  }, 10_000);

  it('draws the first pick by D² to the labeled rows: 9 to 1 for distances 3 and 1', () => {
    const embeddings = [[0], [1], [3]];
    let far3 = 0;
    const seeds = 4_000;
    for (let seed = 0; seed < seeds; seed++) {
      const [pick] = kMeansPlusPlus({ embeddings, batchSize: 1, seed, labeled: new Set([0]) });
      expect(pick).not.toBe(0);
      if (pick === 2) far3++;
    }
    // p = 0.9, standard deviation of the share sqrt(0.09 / 4000) = 0.0047; allow four. Uniform would give 0.5.
    expect(Math.abs(far3 / seeds - 0.9)).toBeLessThan(0.019);
  }, 10_000);

  it('draws ∝ weight · D²: a zero weight is never drawn, nor a duplicate of a chosen row', () => {
    const embeddings = [[0], [0], [5], [9], [0]];
    const weights = [1, 1, 1, 0, 1];
    for (let seed = 0; seed < 200; seed++) {
      const picks = kMeansPlusPlus({ embeddings, batchSize: 2, seed, weights });
      expect(picks).not.toContain(3);
      // Whatever comes first, the second pick is the only row with positive mass left (row 2, or a zero row).
      expect(picks[0] === 2 ? [0, 1, 4] : [2]).toContain(picks[1]);
    }
  }, 10_000);

  it('falls back to the lowest remaining row when every remaining D² is 0', () => {
    // Rows 1 and 2 duplicate labeled row 0: after row 3 (the only positive D²) they come in index order.
    expect(kMeansPlusPlus({ embeddings: [[1, 1], [1, 1], [1, 1], [5, 5]], batchSize: 5, seed: 9, labeled: new Set([0]) })).toEqual([3, 1, 2]);
  }, 10_000);

  it('never returns labeled rows and returns min(batch, candidates) distinct rows on a seeded case', () => {
    const random = mulberry32(5);
    const n = 300;
    const embeddings = Array.from({ length: n }, () => [random(), random(), random()]);
    const labeled = Array.from({ length: n }, (_, i) => i % 7 === 0);
    const candidates = labeled.filter((l) => !l).length;
    for (const batchSize of [1, 40, 1_000]) {
      const picks = kMeansPlusPlus({ embeddings, batchSize, seed: batchSize, labeled });
      expect(picks).toHaveLength(Math.min(batchSize, candidates));
      expect(new Set(picks).size).toBe(picks.length);
      expect(picks.some((i) => labeled[i])).toBe(false);
    }
  }, 10_000);

  it('rejects weights of the wrong length or sign', () => {
    expect(() => kMeansPlusPlus({ embeddings: [[0], [1]], batchSize: 1, seed: 0, weights: [1] })).toThrow(
      new RangeError('weights has 1 entries, expected one per row (2)'),
    );
    expect(() => kMeansPlusPlus({ embeddings: [[0], [1]], batchSize: 1, seed: 0, weights: [1, -1] })).toThrow(/weights\[1\] is -1/);
  }, 10_000);
});
