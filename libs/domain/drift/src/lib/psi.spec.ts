import { DriftError, DriftErrorCode } from './drift.error';
import { DRIFT_FIXTURES, expectClose } from './fixtures.testing';
import { psi } from './psi';

describe('psi (edges at reference quantiles, right-closed bins, 1e-4 for empty bins)', () => {
  it.each(DRIFT_FIXTURES.psi.map((c) => [c.name, c] as const))('matches the numpy reference: %s', (_name, c) => {
    const result = psi({ reference: c.reference, current: c.current, bins: c.bins });
    expect(result.edges).toEqual(c.edges);
    expect(result.referenceShares).toEqual(c.referenceShares);
    expect(result.currentShares).toEqual(c.currentShares);
    expectClose(result.psi, c.psi, 1e-12, 1e-15);
  }, 10_000);

  it('puts a value equal to an edge in the bin the edge closes, worked by hand', () => {
    // Reference 1..4, 2 bins: edge = median = 2.5. Current [2.5, 2.5, 3, 1]: 2.5 ≤ edge → first bin, so shares
    // c = (0.75, 0.25) against r = (0.5, 0.5): PSI = 0.25·ln 1.5 − 0.25·ln 0.5 = 0.25·ln 3.
    const result = psi({ reference: [4, 1, 3, 2], current: [2.5, 2.5, 3, 1], bins: 2 });
    expect(result.edges).toEqual([2.5]);
    expect(result.currentShares).toEqual([0.75, 0.25]);
    expect(result.psi).toBeCloseTo(0.25 * Math.log(3), 14);
  }, 10_000);

  it('defaults to 10 bins and is 0 for the reference against itself', () => {
    const reference = Array.from({ length: 100 }, (_, i) => Math.sin(i));
    const result = psi({ reference, current: reference });
    expect(result.edges).toHaveLength(9);
    expect(result.psi).toBe(0);
  }, 10_000);

  it('names the field it cannot read', () => {
    const error = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e instanceof DriftError ? [e.code, e.path] : e;
      }
      return 'no error';
    };
    expect(error(() => psi({ reference: [], current: [1] }))).toEqual([DriftErrorCode.EmptySample, 'reference']);
    expect(error(() => psi({ reference: [1], current: [1, NaN] }))).toEqual([DriftErrorCode.NotFinite, 'current[1]']);
    expect(error(() => psi({ reference: [1], current: [1], bins: 0 }))).toEqual([DriftErrorCode.InvalidBins, 'bins']);
  }, 10_000);
});
