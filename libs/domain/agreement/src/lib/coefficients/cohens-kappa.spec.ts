import { cohensKappa } from './cohens-kappa';
import type { KappaWeights } from './coefficient-result';
import { expectGolden, GoldenCheck, loadFixture } from './golden-fixture.testing';

interface CohenCase {
  name: string;
  /** Confusion counts: rows = rater a's label position, columns = rater b's. */
  table?: number[][];
  a?: number[];
  b?: number[];
  labels?: number[];
  weights: KappaWeights;
  checks: GoldenCheck[];
}

const { cases } = loadFixture<{ cases: CohenCase[] }>('cohens-kappa.json');

function ratings(c: CohenCase): [number[], number[]] {
  if (!c.table) return [c.a ?? [], c.b ?? []];
  const a: number[] = [];
  const b: number[] = [];
  c.table.forEach((row, i) => row.forEach((count, j) => {
    for (let t = 0; t < count; t++) {
      a.push(i);
      b.push(j);
    }
  }));
  return [a, b];
}

describe('cohensKappa golden fixtures', () => {
  const rows = cases.flatMap((c) => c.checks.map((check) => ({ c, check, label: `${c.name}: ${check.kind} ${check.value}` })));
  it.each(rows)('$label', ({ c, check }) => {
    const [a, b] = ratings(c);
    expectGolden(cohensKappa(a, b, { weights: c.weights, labels: c.labels }).value, check);
  });

  it.each(cases)('$name is symmetric in the two raters', (c) => {
    const [a, b] = ratings(c);
    const ab = cohensKappa(a, b, { weights: c.weights, labels: c.labels }).value ?? NaN;
    expect(cohensKappa(b, a, { weights: c.weights, labels: c.labels }).value).toBeCloseTo(ab, 12);
  });
});

describe('cohensKappa', () => {
  it('reports p_o and p_e so that κ = (p_o − p_e) / (1 − p_e): 2×2 table [[20,5],[10,15]]', () => {
    const [a, b] = ratings({ name: '', table: [[20, 5], [10, 15]], weights: 'none', checks: [] });
    expect(cohensKappa(a, b)).toEqual({
      value: expect.closeTo(0.4, 12),
      n: 50,
      observed: expect.closeTo(0.7, 12),
      expected: expect.closeTo(0.5, 12),
    });
  });

  it('drops pairs where either rater is null before choosing the default labels', () => {
    // Without the nulls the pairs are (1,1) (3,3) (1,3): labels [1,3]; the 2 in a dropped pair must not shift positions.
    const withNulls = cohensKappa([1, 3, 1, 2, null], [1, 3, 3, null, 2], { weights: 'linear' });
    expect(withNulls).toEqual(cohensKappa([1, 3, 1], [1, 3, 3], { weights: 'linear' }));
    expect(withNulls.n).toBe(3);
  });

  it('weights follow positions in labels, not label values (as scikit-learn)', () => {
    const a = [0, 0, 5, 5, 10, 10];
    const b = [0, 5, 5, 10, 10, 0];
    expect(cohensKappa(a, b, { weights: 'linear' }).value).toBeCloseTo(
      cohensKappa([0, 0, 1, 1, 2, 2], [0, 1, 1, 2, 2, 0], { weights: 'linear' }).value ?? NaN, 12);
  });

  // Cohen (1968) / Schuster (2004): with integer scores 0..k−1, quadratic-weighted κ equals
  // 2·cov(x, y) / (var x + var y + (x̄ − ȳ)²), population moments.
  it('quadratic weights equal the Pearson-style moment formula on a hand case', () => {
    const x = [0, 1, 2, 3, 1, 2, 0, 3, 2, 1];
    const y = [0, 2, 2, 3, 0, 1, 1, 3, 3, 1];
    // x̄ = 1.5, ȳ = 1.6; var x = 1.05, var y = 1.24, cov = 0.9 (population), so κ_w = 1.8 / (1.05 + 1.24 + 0.01) = 1.8 / 2.3.
    expect(cohensKappa(x, y, { weights: 'quadratic' }).value).toBeCloseTo(1.8 / 2.3, 12);
    const mean = (v: number[]): number => v.reduce((s, t) => s + t, 0) / v.length;
    const mx = mean(x);
    const my = mean(y);
    const cov = mean(x.map((v, i) => (v - mx) * (y[i] - my)));
    const moments = (2 * cov) / (mean(x.map((v) => (v - mx) ** 2)) + mean(y.map((v) => (v - my) ** 2)) + (mx - my) ** 2);
    expect(cohensKappa(x, y, { weights: 'quadratic' }).value).toBeCloseTo(moments, 12);
  });

  it.each([
    { name: 'different lengths', a: [1, 2], b: [1], options: {}, reason: /different lengths/ },
    { name: 'NaN rating', a: [1, NaN], b: [1, 2], options: {}, reason: /finite number/ },
    { name: 'unknown weights', a: [1, 2], b: [1, 2], options: { weights: 'cubic' as KappaWeights }, reason: /weights/ },
    { name: 'duplicate labels', a: [1, 2], b: [1, 2], options: { labels: [1, 1] }, reason: /distinct/ },
    { name: 'empty labels', a: [1, 2], b: [1, 2], options: { labels: [] }, reason: /non-empty/ },
    { name: 'no value inside labels', a: [1, 2], b: [1, 2], options: { labels: [7] }, reason: /no pair/ },
  ])('returns null with a reason for $name', ({ a, b, options, reason }) => {
    const result = cohensKappa(a, b, options);
    expect(result.value).toBeNull();
    expect(result.reason).toMatch(reason);
  });
});
