import { DriftError } from './drift.error';
import { DRIFT_FIXTURES } from './fixtures.testing';
import { quantile } from './quantile';

describe('quantile (numpy.quantile, method linear)', () => {
  it.each(DRIFT_FIXTURES.quantile.map((c) => [c.name, c] as const))('equals numpy bit for bit: %s', (_name, c) => {
    const sorted = Float64Array.from(c.sample).sort();
    expect(c.p.map((p) => quantile(sorted, p))).toEqual(c.expected);
  }, 10_000);

  it('interpolates between order statistics, worked by hand', () => {
    // n = 5: h = 4p. p = 0.3 → h = 1.2 → 10 + 0.2·(20 − 10) = 12; p = 0.875 → h = 3.5 → 40 + 0.5·(80 − 40) = 60.
    expect(quantile([0, 10, 20, 40, 80], 0.3)).toBeCloseTo(12, 12);
    expect(quantile([0, 10, 20, 40, 80], 0.875)).toBe(60);
    expect(quantile([0, 10, 20, 40, 80], 1)).toBe(80);
  }, 10_000);

  it('rejects an empty sample and a p outside [0, 1]', () => {
    expect(() => quantile([], 0.5)).toThrow(DriftError);
    expect(() => quantile([1, 2], 1.5)).toThrow(DriftError);
    expect(() => quantile([1, 2], NaN)).toThrow(DriftError);
  }, 10_000);
});
