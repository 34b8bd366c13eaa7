import { fleissKappa } from './fleiss-kappa';
import { expectGolden, GoldenCheck, loadFixture } from './golden-fixture.testing';

interface FleissCase {
  name: string;
  /** Raw ratings[i][r], aggregated over `categories`; or `counts` directly. */
  ratings?: number[][];
  categories?: number[];
  categoryTotals?: number[];
  counts?: number[][];
  /** Published per-subject agreement P_i (3 decimals), to confirm the table was transcribed cell for cell. */
  rowAgreement?: number[];
  checks: GoldenCheck[];
}

const { cases } = loadFixture<{ cases: FleissCase[] }>('fleiss-kappa.json');

function countsOf(c: FleissCase): number[][] {
  if (c.counts) return c.counts;
  return (c.ratings ?? []).map((row) => (c.categories ?? []).map((k) => row.filter((x) => x === k).length));
}

describe('fleissKappa golden fixtures', () => {
  const rows = cases.flatMap((c) => c.checks.map((check) => ({ c, check, label: `${c.name}: ${check.kind} ${check.value}` })));
  it.each(rows)('$label', ({ c, check }) => {
    expectGolden(fleissKappa(countsOf(c)).value, check);
  });

  it('Fleiss (1971): the aggregated table has the published category totals and 6 raters per subject', () => {
    const c = cases[0];
    const counts = countsOf(c);
    expect(counts).toHaveLength(30);
    expect(counts.every((row) => row.reduce((s, x) => s + x, 0) === 6)).toBe(true);
    expect((c.categories ?? []).map((_, k) => counts.reduce((s, row) => s + row[k], 0))).toEqual(c.categoryTotals);
  });

  it('Wikipedia: every row sums to 14 and reproduces the published P_i column', () => {
    const c = cases[1];
    const m = 14;
    for (const [i, row] of countsOf(c).entries()) {
      expect(row.reduce((s, x) => s + x, 0)).toBe(m);
      const p = (row.reduce((s, x) => s + x * x, 0) - m) / (m * (m - 1));
      expect(Math.abs(p - (c.rowAgreement ?? [])[i])).toBeLessThanOrEqual(0.0005);
    }
  });

  it('reports P̄ and P̄e of the Wikipedia example (688/1820 and 4170/19600)', () => {
    const result = fleissKappa(countsOf(cases[1]));
    expect(result).toMatchObject({ n: 10, raters: 14 });
    expect(result.observed).toBeCloseTo(688 / 1820, 12);
    expect(result.expected).toBeCloseTo(4170 / 19600, 12);
  });
});

describe('fleissKappa', () => {
  it.each([
    { name: 'no items', counts: [], reason: /no items/ },
    { name: 'unequal raters per item', counts: [[2, 1], [1, 1]], reason: /unequal raters/ },
    { name: 'ragged rows', counts: [[2, 1], [3]], reason: /categories/ },
    { name: 'a negative count', counts: [[4, -1]], reason: /non-negative integer/ },
    { name: 'a fractional count', counts: [[1.5, 1.5]], reason: /non-negative integer/ },
    { name: 'one rater per item', counts: [[1, 0], [0, 1]], reason: /fewer than two raters/ },
    { name: 'a single category in use', counts: [[3, 0], [3, 0]], reason: /single category/ },
  ])('returns null with a reason for $name', ({ counts, reason }) => {
    const result = fleissKappa(counts);
    expect(result.value).toBeNull();
    expect(result.reason).toMatch(reason);
  });

  it('is 1 when all raters agree and two categories are used', () => {
    expect(fleissKappa([[3, 0], [0, 3], [3, 0]]).value).toBe(1);
  });
});
