import { expectGolden, GoldenCheck, loadFixture } from './golden-fixture.testing';
import { krippendorffAlpha, MeasurementLevel } from './krippendorff-alpha';
import { referenceAlpha } from './reference-alpha.testing';
import { mulberry32 } from '@arbiter/util/random';

interface AlphaCase {
  name: string;
  reliability: (number | null)[][];
  levels: Partial<Record<MeasurementLevel, GoldenCheck[]>>;
}

const { cases } = loadFixture<{ cases: AlphaCase[] }>('krippendorff-alpha.json');
const LEVELS: MeasurementLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];

describe('krippendorffAlpha golden fixtures', () => {
  const rows = cases.flatMap((c) =>
    Object.entries(c.levels).flatMap(([level, checks]) =>
      (checks ?? []).map((check) => ({
        c,
        level: level as MeasurementLevel,
        check,
        label: `${c.name}, ${level}: ${check.kind} ${check.value}`,
      })),
    ),
  );
  it.each(rows)('$label', ({ c, level, check }) => {
    expectGolden(krippendorffAlpha(c.reliability, { level }).value, check);
  });

  const everyLevel = cases.flatMap((c) => LEVELS.map((level) => ({ c, level })));
  it.each(everyLevel)('$c.name, $level: equals the reference implementation', ({ c, level }) => {
    expect(krippendorffAlpha(c.reliability, { level }).value).toBeCloseTo(referenceAlpha(c.reliability, level) ?? NaN, 12);
  });

  it('Krippendorff (2011): unit 12 has one value and is not pairable, so n = 40 values in 11 units', () => {
    expect(krippendorffAlpha(cases[0].reliability, { level: 'nominal' })).toMatchObject({ n: 40, units: 11 });
  });
});

// 10 raters × 100 000 units = 1M cells: rater r skips a unit with probability 0.05 + 0.08·r, so units with
// 0 or 1 ratings occur; a rating is the unit's true value (1..5) with probability 0.6, else uniform.
function largeInput(seed: number): (number | null)[][] {
  const random = mulberry32(seed);
  const units = 100_000;
  const truth = Array.from({ length: units }, () => 1 + Math.floor(random() * 5));
  return Array.from({ length: 10 }, (_, r) =>
    truth.map((t) => (random() < 0.05 + 0.08 * r ? null : random() < 0.6 ? t : 1 + Math.floor(random() * 5))),
  );
}

describe('krippendorffAlpha on 1M ratings', () => {
  const data = largeInput(20240601);
  const slice = data.map((row) => row.slice(0, 3000));
  const reordered = [...data].reverse().map((row) => [...row].reverse());

  it.each(LEVELS)('%s: the fast algorithm equals the O(n·m²) reference on a 3000-unit slice', (level) => {
    const fast = krippendorffAlpha(slice, { level }).value;
    expect(fast).not.toBeNull();
    expect(Math.abs((fast ?? NaN) - (referenceAlpha(slice, level) ?? NaN))).toBeLessThan(1e-9);
  });

  it('counts pairable units and values on the full input', () => {
    let units = 0;
    let n = 0;
    for (let u = 0; u < data[0].length; u++) {
      const m = data.reduce((s, row) => s + (row[u] === null ? 0 : 1), 0);
      if (m < 2) continue;
      units += 1;
      n += m;
    }
    expect(units).toBeLessThan(data[0].length);
    expect(krippendorffAlpha(data, { level: 'nominal' })).toMatchObject({ units, n });
  });

  it.each(LEVELS)('%s: the full-input value does not depend on rater or unit order', (level) => {
    const a = krippendorffAlpha(data, { level }).value ?? NaN;
    expect(krippendorffAlpha(reordered, { level }).value).toBeCloseTo(a, 10);
    expect(a).toBeGreaterThan(0.3);
    expect(a).toBeLessThan(0.7);
  });
});

describe('krippendorffAlpha value domains', () => {
  const data = cases[0].reliability;
  const map = (f: (v: number) => number): (number | null)[][] => data.map((row) => row.map((v) => (v === null ? null : f(v))));

  // Non-integer and wide-range values take the Map path instead of the lookup table; alpha must not change
  // under the transformations each level is invariant to.
  it.each([
    { name: 'non-integer affine values', f: (v: number) => v * 0.5 + 0.25, levels: LEVELS.slice(0, 3) },
    { name: 'non-integer scaled values', f: (v: number) => v * 0.5, levels: LEVELS },
    { name: 'integers spanning 5e7', f: (v: number) => v * 1e7, levels: LEVELS },
  ])('$name give the same alpha', ({ f, levels }) => {
    for (const level of levels) {
      expect(krippendorffAlpha(map(f), { level }).value).toBeCloseTo(krippendorffAlpha(data, { level }).value ?? NaN, 12);
    }
  });

  it('treats a value seen only in an unpairable unit like the package does: in the domain, n_c = 0', () => {
    const withLoner = [[1, 2, 9], [1, 2, null]];
    expect(krippendorffAlpha(withLoner, { level: 'ordinal' })).toMatchObject({ value: 1, n: 4, units: 2 });
  });
});

describe('krippendorffAlpha undefined cases', () => {
  it.each([
    { name: 'a single rater', data: [[1, 2, 3]], reason: /fewer than two raters/ },
    { name: 'no raters', data: [], reason: /fewer than two raters/ },
    { name: 'different row lengths', data: [[1, 2], [1]], reason: /rater 1 has 1 values/ },
    { name: 'a NaN value', data: [[1, NaN], [1, 2]], reason: /finite number/ },
    { name: 'no ratings at all', data: [[null, null], [null, null]], reason: /no ratings/ },
    { name: 'a single value in use', data: [[1, 1], [1, 1]], reason: /single value/ },
    { name: 'no pairable unit', data: [[1, null], [null, 2]], reason: /no pairable unit/ },
    { name: 'a single pairable value', data: [[1, 2, null], [1, null, 3]], reason: /single value is pairable/ },
  ])('returns null with a reason for $name', ({ data, reason }) => {
    const result = krippendorffAlpha(data, { level: 'interval' });
    expect(result.value).toBeNull();
    expect(result.reason).toMatch(reason);
  });

  it('rejects an unknown level', () => {
    expect(krippendorffAlpha([[1, 2], [1, 2]], { level: 'cardinal' as MeasurementLevel }).reason).toMatch(/level/);
  });
});
