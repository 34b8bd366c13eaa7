import { loadFixture } from './reference-data.testing';
import { tieAwareAccuracy } from './tie-aware-accuracy';

const fixture = loadFixture<{ proba: number[][]; gold: number[]; expected: number }>('tie-aware-accuracy-hand.json');

describe('tieAwareAccuracy', () => {
  it('counts a tie among t classes as 1/t when gold is among them (hand-computed 19/36)', () => {
    expect(tieAwareAccuracy(fixture.proba, fixture.gold)).toBeCloseTo(fixture.expected, 15);
  });

  it('treats probabilities within the tolerance of the maximum as tied', () => {
    expect(tieAwareAccuracy([[0.5 + 1e-15, 0.5 - 1e-15]], [1])).toBe(0.5);
    expect(tieAwareAccuracy([[0.5 + 1e-15, 0.5 - 1e-15]], [1], { tolerance: 0 })).toBe(0);
  });

  it('rejects mismatched lengths, gold outside the classes and empty input', () => {
    expect(() => tieAwareAccuracy([[1, 0]], [0, 1])).toThrow(RangeError);
    expect(() => tieAwareAccuracy([[1, 0]], [2])).toThrow(/gold label 2 at row 0/);
    expect(() => tieAwareAccuracy([], [])).toThrow(RangeError);
  });
});
