import { DriftError } from './drift.error';
import { DRIFT_FIXTURES, expectClose } from './fixtures.testing';
import { kolmogorovSf, ksTwoSample } from './ks-two-sample';

describe('ksTwoSample (D from scipy ks_2samp, p-value from kstwobign.sf)', () => {
  it.each(DRIFT_FIXTURES.ks.map((c) => [c.name, c] as const))('matches scipy: %s', (_name, c) => {
    const { statistic, pValue } = ksTwoSample(c.a, c.b);
    expect(statistic).toBe(c.statistic);
    expectClose(pValue, c.pValue, 1e-10, 1e-15);
  }, 10_000);

  it('evaluates the CDFs after a whole run of tied values, worked by hand', () => {
    // a = [1, 2, 2, 3], b = [2, 2, 2, 4, 5]. After 1: |1/4 − 0| = 0.25; after every 2: |3/4 − 3/5| = 0.15; after 3:
    // |1 − 3/5| = 0.4; after 4: |1 − 4/5| = 0.2. D = 0.4. Stepping through one tie at a time would see
    // |2/4 − 0| = 0.5 between the 2s and overstate D.
    expect(ksTwoSample([3, 2, 1, 2], [5, 2, 4, 2, 2]).statistic).toBeCloseTo(0.4, 15);
  }, 10_000);

  it('does not depend on the order of the samples or of their values', () => {
    const a = [0.3, 0.1, 0.9, 0.4, 0.4];
    const b = [0.2, 0.4, 0.8];
    expect(ksTwoSample(a, b)).toEqual(ksTwoSample(b, [...a].reverse()));
  }, 10_000);

  it('rejects an empty or non-finite sample', () => {
    expect(() => ksTwoSample([], [1])).toThrow(DriftError);
    expect(() => ksTwoSample([1], [Infinity])).toThrow(DriftError);
  }, 10_000);
});

describe('kolmogorovSf (scipy kstwobign.sf)', () => {
  it.each(DRIFT_FIXTURES.kolmogorovSf.map((c) => [c.lambda, c.sf]))('Q(%p) = %p', (lambda, sf) => {
    expectClose(kolmogorovSf(lambda), sf, 1e-12, 1e-16);
  }, 10_000);

  it('is 1 at λ = 0 and for negative λ, and decreases with λ', () => {
    expect(kolmogorovSf(0)).toBe(1);
    expect(kolmogorovSf(-1)).toBe(1);
    const grid = Array.from({ length: 60 }, (_, i) => kolmogorovSf(0.05 * (i + 1)));
    for (let i = 1; i < grid.length; i++) expect(grid[i]).toBeLessThanOrEqual(grid[i - 1]);
  }, 10_000);
});
