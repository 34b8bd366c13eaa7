import { shuffledIndices } from '@arbiter/util/random';
import { randomSample } from './random-sample';

describe('randomSample', () => {
  it('is the prefix of the seeded permutation from @arbiter/util/random', () => {
    expect(randomSample({ n: 50, batchSize: 10, seed: 42 })).toEqual(Array.from(shuffledIndices(50, 42).slice(0, 10)));
  }, 10_000);

  it('gives the same list for the same seed, another for another seed, and extends it for a larger batch', () => {
    const a = randomSample({ n: 1_000, batchSize: 20, seed: 1 });
    expect(randomSample({ n: 1_000, batchSize: 20, seed: 1 })).toEqual(a);
    expect(randomSample({ n: 1_000, batchSize: 20, seed: 2 })).not.toEqual(a);
    expect(randomSample({ n: 1_000, batchSize: 40, seed: 1 }).slice(0, 20)).toEqual(a);
    expect(new Set(a).size).toBe(20);
  }, 10_000);

  it('skips excluded rows and keeps the others in the same order', () => {
    const all = randomSample({ n: 30, batchSize: 30, seed: 5 });
    const exclude = new Set(all.filter((_, x) => x % 3 === 0));
    const rest = all.filter((i) => !exclude.has(i));
    expect(randomSample({ n: 30, batchSize: 30, seed: 5, exclude })).toEqual(rest);
    expect(randomSample({ n: 30, batchSize: 4, seed: 5, exclude: Array.from({ length: 30 }, (_, i) => exclude.has(i)) })).toEqual(rest.slice(0, 4));
  }, 10_000);

  it('draws every row about equally often over many seeds', () => {
    const n = 10;
    const hits = new Array<number>(n).fill(0);
    for (let seed = 0; seed < 3_000; seed++) for (const i of randomSample({ n, batchSize: 3, seed })) hits[i]++;
    // Each row is drawn with p = 0.3: expected 900, standard deviation 25; allow four.
    for (const h of hits) expect(Math.abs(h - 900)).toBeLessThan(100);
  }, 10_000);

  it('returns every candidate when the batch is larger, and rejects bad arguments', () => {
    expect(randomSample({ n: 3, batchSize: 10, seed: 0 }).sort()).toEqual([0, 1, 2]);
    expect(randomSample({ n: 0, batchSize: 10, seed: 0 })).toEqual([]);
    expect(() => randomSample({ n: 3, batchSize: 0, seed: 0 })).toThrow(/^batchSize must be an integer ≥ 1/);
    expect(() => randomSample({ n: -1, batchSize: 1, seed: 0 })).toThrow(/^n must be a non-negative integer/);
    expect(() => randomSample({ n: 3, batchSize: 1, seed: 0.5 })).toThrow(/^seed must be an integer/);
  }, 10_000);
});
