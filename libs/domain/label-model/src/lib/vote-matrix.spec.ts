import { toCompactVoteMatrix, toVoteRows } from './vote-matrix';

describe('vote matrix', () => {
  it('round-trips number[][] through the compact row-major form', () => {
    const L = [
      [0, -1, 2],
      [-1, -1, -1],
    ];
    const compact = toCompactVoteMatrix(L, 3);
    expect(compact).toEqual({ n: 2, m: 3, votes: Int8Array.from([0, -1, 2, -1, -1, -1]) });
    expect(toVoteRows(compact)).toEqual(L);
  });

  it('returns a valid compact matrix as is, without copying', () => {
    const compact = { n: 1, m: 2, votes: Int8Array.from([1, -1]) };
    expect(toCompactVoteMatrix(compact, 2)).toBe(compact);
  });

  it.each([
    { L: [[0, 1], [1, 2]], k: 2, message: /row 1, column 1 is 2/ },
    { L: [[0, -2]], k: 2, message: /row 0, column 1 is -2/ },
    { L: [[0.5, 0]], k: 2, message: /row 0, column 0 is 0.5/ },
    { L: [[0, Number.NaN]], k: 3, message: /row 0, column 1 is NaN/ },
  ])('throws RangeError naming the row and column of a vote outside -1..k-1 ($message)', ({ L, k, message }) => {
    expect(() => toCompactVoteMatrix(L, k)).toThrow(RangeError);
    expect(() => toCompactVoteMatrix(L, k)).toThrow(message);
  });

  it('throws RangeError naming the row and column in the compact form too', () => {
    const compact = { n: 2, m: 3, votes: Int8Array.from([0, 1, -1, 1, 5, 0]) };
    expect(() => toCompactVoteMatrix(compact, 2)).toThrow(new RangeError('vote at row 1, column 1 is 5: expected -1 (abstain) or 0..1'));
  });

  it('rejects ragged rows, a wrong votes length and a bad class count', () => {
    expect(() => toCompactVoteMatrix([[0, 1], [1]], 2)).toThrow(/row 1 has 1 votes, expected 2/);
    expect(() => toCompactVoteMatrix({ n: 2, m: 2, votes: new Int8Array(3) }, 2)).toThrow(RangeError);
    expect(() => toCompactVoteMatrix([[0]], 1)).toThrow(/k must be an integer in 2..127/);
    expect(() => toCompactVoteMatrix([[0]], 128)).toThrow(RangeError);
  });
});
