import { bootstrapInterval } from './bootstrap-interval';
import { fleissKappa } from './fleiss-kappa';
import { loadFixture } from './golden-fixture.testing';

const { cases } = loadFixture<{ cases: { ratings?: number[][]; categories?: number[] }[] }>('fleiss-kappa.json');
const { ratings = [], categories = [] } = cases[0];
const diagnoses = ratings.map((row) => categories.map((k) => row.filter((x) => x === k).length));
const kappaOf = (rows: number[][]): number | null => fleissKappa(rows).value;

describe('bootstrapInterval', () => {
  it('is deterministic for a seed and changes with the seed', () => {
    const options = { samples: 500, seed: 42, level: 0.95 };
    const first = bootstrapInterval(kappaOf, diagnoses, options);
    expect(bootstrapInterval(kappaOf, diagnoses, options)).toEqual(first);
    const other = bootstrapInterval(kappaOf, diagnoses, { ...options, seed: 43 });
    expect([other.low, other.high]).not.toEqual([first.low, first.high]);
  });

  it('contains the point estimate for the Fleiss (1971) example', () => {
    const result = bootstrapInterval(kappaOf, diagnoses, { samples: 2000, seed: 7, level: 0.95 });
    expect(result.value).toBeCloseTo(0.4302445, 7);
    expect(result.low).toBeLessThan(result.value ?? NaN);
    expect(result.high).toBeGreaterThan(result.value ?? NaN);
    expect(result.samples).toBe(2000);
  });

  // numpy.percentile(range(1, 101), [5, 95]) = [5.95, 95.05] (linear interpolation, the default).
  it('takes type-7 (numpy default) percentiles of the replicates', () => {
    let calls = 0;
    const counter = (): number => calls++;
    const result = bootstrapInterval(counter, [0], { samples: 100, seed: 1, level: 0.9 });
    expect(result).toMatchObject({ value: 0, samples: 100 });
    expect(result.low).toBeCloseTo(5.95, 12);
    expect(result.high).toBeCloseTo(95.05, 12);
  });

  it('skips replicates where the statistic is undefined', () => {
    // A resample of [0, 1, 0, 1] is constant with probability 2 · (1/2)⁴ = 1/8; the statistic is null there.
    const meanUnlessConstant = (s: number[]): number | null =>
      new Set(s).size === 1 ? null : s.reduce((a, b) => a + b, 0) / s.length;
    const result = bootstrapInterval(meanUnlessConstant, [0, 1, 0, 1], { samples: 400, seed: 3, level: 0.8 });
    expect(result.samples).toBeLessThan(400);
    expect(result.samples).toBeGreaterThan(300);
    expect(result.reason).toBeUndefined();
  });

  it.each([
    { name: 'no data', data: [], options: { samples: 10, seed: 1, level: 0.95 }, reason: /no data/ },
    { name: 'zero samples', data: [1], options: { samples: 0, seed: 1, level: 0.95 }, reason: /samples/ },
    { name: 'a fractional seed', data: [1], options: { samples: 10, seed: 0.5, level: 0.95 }, reason: /seed/ },
    { name: 'level 1', data: [1], options: { samples: 10, seed: 1, level: 1 }, reason: /level/ },
  ])('returns nulls and a reason for $name', ({ data, options, reason }) => {
    const result = bootstrapInterval((s: number[]) => s.length, data, options);
    expect(result).toMatchObject({ value: null, low: null, high: null, samples: 0 });
    expect(result.reason).toMatch(reason);
  });

  it('returns nulls when the statistic is undefined on the full data or on every resample', () => {
    expect(bootstrapInterval(() => null, [1, 2], { samples: 10, seed: 1, level: 0.95 }).reason).toMatch(/full data/);
    let first = true;
    const onlyFirst = (): number | null => (first ? ((first = false), 1) : NaN);
    expect(bootstrapInterval(onlyFirst, [1, 2], { samples: 10, seed: 1, level: 0.95 })).toMatchObject({
      value: 1,
      low: null,
      high: null,
      samples: 0,
      reason: expect.stringMatching(/every resample/),
    });
  });
});
