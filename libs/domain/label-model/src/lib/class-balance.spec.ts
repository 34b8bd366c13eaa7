import { classBalanceFromValidation } from './class-balance';

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
