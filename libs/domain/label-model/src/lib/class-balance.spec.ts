import { classBalanceFromValidation, classBalanceFromVotes } from './class-balance';
import { toCompactVoteMatrix } from './vote-matrix';

const labels = (counts: number[]) => counts.flatMap((count, c) => new Array<number>(count).fill(c));

describe('classBalanceFromValidation', () => {
  // Exact 5% chi-square critical values: 3.841 (df 1), 9.488 (df 4).
  it.each([
    { counts: [64, 56], source: 'uniform', why: 'wrench-youtube valid: chi² 0.53 < 3.84' },
    { counts: [59, 41], source: 'uniform', why: 'chi² 3.24 < 3.84' },
    { counts: [61, 39], source: 'validation', why: 'chi² 4.84 > 3.84' },
    { counts: [30, 20, 20, 15, 15], source: 'uniform', why: 'chi² 7.5 < 9.49' },
    { counts: [1, 30, 25, 27, 17], source: 'validation', why: 'chi² 27.2 > 9.49' },
  ])('$counts → $source ($why)', ({ counts, source }) => {
    const result = classBalanceFromValidation(labels(counts), counts.length);
    expect(result.source).toBe(source);
    expect(result.balance.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
  });

  it('uses add-one smoothed frequencies, so a class missing from the dev set keeps a non-zero prior', () => {
    const { balance } = classBalanceFromValidation(labels([0, 50, 50]), 3);
    expect(balance).toEqual([1 / 103, 51 / 103, 51 / 103]);
  });
});

describe('classBalanceFromVotes', () => {
  it('counts each covered row’s majority-vote label, a tie 1/t to each, add-one smoothed', () => {
    const L = [
      [0, 0, 1], // 0
      [1, -1, -1], // 1
      [0, 1, -1], // tie: ½ to 0, ½ to 1
      [-1, -1, -1], // no votes: not counted
      [0, -1, -1], // 0
    ];
    // Totals 2.5, 1.5, 0 over 4 covered rows → (2.5 + 1) / 7, (1.5 + 1) / 7, 1 / 7.
    expect(classBalanceFromVotes(toCompactVoteMatrix(L, 3), 3)).toEqual([3.5 / 7, 2.5 / 7, 1 / 7]);
  });

  it('is uniform when no row has a vote', () => {
    expect(classBalanceFromVotes(toCompactVoteMatrix([[-1, -1], [-1, -1]], 4), 4)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });
});
