import { mulberry32 } from '@arbiter/util/random';
import { TopScores } from './top-scores';

function topByFullSort(scores: ArrayLike<number>, b: number): number[] {
  return Array.from({ length: scores.length }, (_, i) => i)
    .sort((x, y) => scores[y] - scores[x] || x - y)
    .slice(0, b);
}

function topByHeap(scores: ArrayLike<number>, b: number): number[] {
  const top = new TopScores(Math.min(b, scores.length));
  for (let i = 0; i < scores.length; i++) top.offer(scores[i], i);
  return top.ranked().rows;
}

describe('TopScores', () => {
  it('keeps the largest scores, equal scores in index order, including ties across the cut', () => {
    const scores = [3, 7, 7, 1, 7, 9, 3];
    expect(topByHeap(scores, 7)).toEqual([5, 1, 2, 4, 0, 6, 3]);
    expect(topByHeap(scores, 3)).toEqual([5, 1, 2]);
    expect(topByHeap(scores, 5)).toEqual([5, 1, 2, 4, 0]);
  }, 10_000);

  it('returns the scores beside the rows', () => {
    const top = new TopScores(2);
    [0.5, -1, 2].forEach((s, i) => top.offer(s, i));
    expect(top.ranked()).toEqual({ rows: [2, 0], scores: [2, 0.5] });
  }, 10_000);

  it('refuses rows out of order, which would break the one-comparison tie rule', () => {
    const top = new TopScores(2);
    top.offer(1, 3);
    expect(() => top.offer(1, 2)).toThrow(new RangeError('rows must be offered in increasing order: 2 after 3'));
  }, 10_000);

  it('matches a full sort on 200,000 rows with heavy ties, for several batch sizes', () => {
    const random = mulberry32(7);
    const n = 200_000;
    // Ten distinct values: about 20,000 rows per score, so every cut falls inside a tie.
    const tied = Float64Array.from({ length: n }, () => Math.floor(random() * 10));
    const continuous = Float64Array.from({ length: n }, () => random());
    for (const b of [1, 100, 1_000, 25_000]) {
      expect(topByHeap(tied, b)).toEqual(topByFullSort(tied, b));
      expect(topByHeap(continuous, b)).toEqual(topByFullSort(continuous, b));
    }
  }, 60_000);
});
