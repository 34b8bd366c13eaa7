import { majorityVote } from './majority-vote';
import { loadFixture } from './reference-data.testing';

interface MajorityFixture {
  k: number;
  L: number[][];
  expected: number[][];
  classBalance: number[];
  expectedWithClassBalance: number[][];
}

const fixture = loadFixture<MajorityFixture>('majority-vote-hand.json');

describe('majorityVote', () => {
  it('gives each row its vote shares: ties stay exactly tied, rows without votes are uniform', () => {
    const proba = majorityVote(fixture.L, fixture.k);
    proba.forEach((row, i) => row.forEach((p, c) => expect(p).toBeCloseTo(fixture.expected[i][c], 15)));
    expect(proba[1][0]).toBe(proba[1][1]);
    expect(new Set(proba[4]).size).toBe(1);
  });

  it('gives rows without votes the class balance when one is given, and changes nothing else', () => {
    const proba = majorityVote(fixture.L, fixture.k, { classBalance: fixture.classBalance });
    proba.forEach((row, i) => row.forEach((p, c) => expect(p).toBeCloseTo(fixture.expectedWithClassBalance[i][c], 15)));
  });

  it('accepts the compact form with the same result', () => {
    const votes = Int8Array.from(fixture.L.flat());
    expect(majorityVote({ n: fixture.L.length, m: fixture.k, votes }, fixture.k)).toEqual(majorityVote(fixture.L, fixture.k));
  });

  it('rejects a vote outside -1..k-1 and a class balance that is not a distribution over k classes', () => {
    expect(() => majorityVote([[0, 3]], 3)).toThrow(new RangeError('vote at row 0, column 1 is 3: expected -1 (abstain) or 0..2'));
    expect(() => majorityVote([[0]], 2, { classBalance: [0.5, 0.6] })).toThrow(/sum to 1/);
    expect(() => majorityVote([[0]], 2, { classBalance: [1] })).toThrow(/expected k = 2/);
  });
});
