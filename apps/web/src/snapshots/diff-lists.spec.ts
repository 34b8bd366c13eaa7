import { capped, defaultDiffPair } from './diff-lists';

describe('diff lists', () => {
  it('shows the first items and counts the rest', () => {
    expect(capped(['a', 'b', 'c'], 2)).toEqual({ shown: ['a', 'b'], more: 1 });
    expect(capped(['a'], 2)).toEqual({ shown: ['a'], more: 0 });
  }, 5_000);

  it('compares the selected version with the complete one before it, skipping failed versions', () => {
    expect(defaultDiffPair([1, 2, 4], 4)).toEqual({ from: 2, to: 4 });
    expect(defaultDiffPair([1, 2, 4], 2)).toEqual({ from: 1, to: 2 });
    // Nothing selected (or a building one): the newest complete against the one before.
    expect(defaultDiffPair([4, 2, 1], null)).toEqual({ from: 2, to: 4 });
    expect(defaultDiffPair([1], 1)).toBeNull();
    expect(defaultDiffPair([], null)).toBeNull();
  }, 5_000);
});
