import { mulberry32 } from '@arbiter/util/random';
import { loadFixture, seededProbs } from './fixtures.testing';
import { hybrid } from './hybrid';
import { margin } from './margin';

interface Far {
  points: number[][];
  probs: number[][];
  hybridOrder: number[];
  marginOrder: number[];
  excludeMiddleOfC: number;
  hybridExcludingOrder: number[];
}
const { far } = loadFixture<{ far: Far }>('three-clusters.json');

describe('hybrid', () => {
  it('takes the middle of each cluster, in margin order, where margin alone takes two rows of one cluster', () => {
    expect(margin({ probs: far.probs, batchSize: 3 })).toEqual(far.marginOrder);
    for (let seed = 0; seed < 20; seed++) {
      expect(hybrid({ probs: far.probs, embeddings: far.points, batchSize: 3, seed })).toEqual(far.hybridOrder);
    }
    const typed = { probs: Float32Array.from(far.probs.flat()), numClasses: 2, embeddings: Float32Array.from(far.points.flat()), dim: 2 };
    expect(hybrid({ ...typed, batchSize: 3, seed: 0 })).toEqual(far.hybridOrder);
  }, 10_000);

  it('weights the centres by uncertainty (1 - margin), pulling them towards the uncertain rows', () => {
    // Cluster A rows 0-2 at x = -1, 0, 1 with margins 0, 0.5, 1 (weights 1, 0.5, 0): centre x = -1 / 1.5 = -0.67,
    // nearest row 0. Cluster B rows 3-5 at x = 99, 100, 101 with margins 1, 0.5, 0.25: centre
    // x = (0.5 · 100 + 0.75 · 101) / 1.25 = 100.6, nearest row 5. Unweighted means would take rows 1 and 4.
    const embeddings = [[-1], [0], [1], [99], [100], [101]];
    const probs = [[0.5, 0.5], [0.75, 0.25], [1, 0], [0, 1], [0.25, 0.75], [0.625, 0.375]];
    for (let seed = 0; seed < 20; seed++) expect(hybrid({ probs, embeddings, batchSize: 2, seed })).toEqual([0, 5]);
  }, 10_000);

  it('never returns an excluded row; a tie for the nearest row goes to the lower index', () => {
    const exclude = new Set([far.excludeMiddleOfC]);
    expect(hybrid({ probs: far.probs, embeddings: far.points, batchSize: 3, seed: 4, exclude })).toEqual(far.hybridExcludingOrder);
  }, 10_000);

  it('returns the top M by margin when M is not larger than the batch', () => {
    expect(hybrid({ probs: far.probs, embeddings: far.points, batchSize: 3, topM: 3, seed: 0 })).toEqual(far.marginOrder);
    expect(hybrid({ probs: far.probs, embeddings: far.points, batchSize: 20, seed: 0 })).toEqual(margin({ probs: far.probs, batchSize: 20 }));
  }, 10_000);

  it('returns a full batch of distinct rows when the candidates have fewer distinct embeddings than the batch', () => {
    const embeddings = [[0, 0], [0, 0], [0, 0], [5, 5], [5, 5], [5, 5]];
    const probs = embeddings.map((_, i) => [0.5 + i / 100, 0.5 - i / 100]);
    const picks = hybrid({ probs, embeddings, batchSize: 4, seed: 1 });
    expect(new Set(picks).size).toBe(4);
  }, 10_000);

  it('on a seeded random case: distinct rows from the top M by margin, none excluded, the same for the same seed', () => {
    const random = mulberry32(21);
    const n = 20_000;
    const d = 8;
    const probs = seededProbs(n, 3, random);
    const embeddings = Float32Array.from({ length: n * d }, () => random());
    const exclude = Uint8Array.from({ length: n }, (_, i) => Number(i % 5 === 0));
    const options = { probs, numClasses: 3, embeddings, dim: d, batchSize: 25, topM: 400, exclude };
    const picks = hybrid({ ...options, seed: 3 });
    expect(picks).toHaveLength(25);
    expect(new Set(picks).size).toBe(25);
    const pool = margin({ probs, numClasses: 3, batchSize: 400, exclude });
    expect(picks.every((i) => pool.includes(i))).toBe(true);
    expect(picks.map((i) => pool.indexOf(i))).toEqual(picks.map((i) => pool.indexOf(i)).sort((a, b) => a - b));
    expect(hybrid({ ...options, seed: 3 })).toEqual(picks);
  }, 30_000);

  it('rejects mismatched row counts, a bad topM and a non-finite candidate embedding', () => {
    expect(() => hybrid({ probs: [[0.5, 0.5]], embeddings: [[0], [1]], batchSize: 1, seed: 0 })).toThrow(
      new RangeError('embeddings has 2 rows, probs 1: expected one embedding per row'),
    );
    expect(() => hybrid({ probs: far.probs, embeddings: far.points, batchSize: 1, topM: 0, seed: 0 })).toThrow(/^topM must be an integer ≥ 1/);
    const points = far.points.map((p, i) => (i === 0 ? [NaN, 0] : p));
    expect(() => hybrid({ probs: far.probs, embeddings: points, batchSize: 2, seed: 0 })).toThrow(/embeddings row 0, column 0 is NaN/);
  }, 10_000);
});
