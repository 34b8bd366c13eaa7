import { loadFixture } from './reference-data.testing';
import { createOverlapAccumulator, overlapStatistics } from './sufficient-statistics';
import { toCompactVoteMatrix } from './vote-matrix';

const fixture = loadFixture<{ k: number; L: number[][]; overlap: number[][]; coverage: number[] }>('overlap-hand.json');

describe('overlap statistics', () => {
  it('match the hand-computed O = E[λλᵀ] and coverage', () => {
    const stats = overlapStatistics(toCompactVoteMatrix(fixture.L, fixture.k), fixture.k);
    expect(stats).toMatchObject({ n: 4, m: 2, k: 2, d: 4 });
    expect(Array.from(stats.overlap)).toEqual(fixture.overlap.flat());
    expect(Array.from(stats.coverage)).toEqual(fixture.coverage);
  });

  it('are the same whether rows arrive at once or in chunks', () => {
    const L = Array.from({ length: 50 }, (_, i) => Array.from({ length: 4 }, (_, j) => ((i * 7 + j * 3) % 4) - 1));
    const whole = overlapStatistics(toCompactVoteMatrix(L, 3), 3);
    const acc = createOverlapAccumulator(4, 3);
    for (let from = 0; from < 50; from += 17) acc.add(toCompactVoteMatrix(L.slice(from, from + 17), 3));
    expect(acc.finish()).toEqual(whole);
  });
});
