import { cohensKappa } from './cohens-kappa';
import { pairwiseAgreementMatrix, PairwiseAnnotation } from './pairwise-agreement';

// ann and bob share items 1-3: a = [0,1,1], b = [0,1,0], po = 2/3, pe = (1·2 + 2·1)/9 = 4/9, κ = (2/9)/(5/9) = 0.4.
// cat rated item 1 only, with a label nobody else used there: κ = 0 against both (po = pe = 0).
const annotations: PairwiseAnnotation[] = [
  { item: 1, rater: 'bob', label: 0 },
  { item: 1, rater: 'ann', label: 0 },
  { item: 2, rater: 'ann', label: 1 },
  { item: 3, rater: 'ann', label: 1 },
  { item: 4, rater: 'ann', label: 0 },
  { item: 2, rater: 'bob', label: 1 },
  { item: 3, rater: 'bob', label: 0 },
  { item: 1, rater: 'cat', label: 2 },
];

describe('pairwiseAgreementMatrix', () => {
  it('computes kappa, overlap and raw agreement for every pair (hand-derived)', () => {
    const m = pairwiseAgreementMatrix(annotations);
    expect(m.raters).toEqual(['ann', 'bob', 'cat']);
    expect(m.n).toEqual([[4, 3, 1], [3, 3, 1], [1, 1, 1]]);
    expect(m.kappa[0][1]).toBeCloseTo(0.4, 12);
    expect(m.kappa[1][0]).toBe(m.kappa[0][1]);
    expect(m.kappa[0][2]).toBe(0);
    expect(m.agreement[0][1]).toBeCloseTo(2 / 3, 12);
    expect(m.agreement[1][2]).toBe(0);
    expect(m.reason).toBeUndefined();
  });

  it('diagonal: 1 for a rater who used two or more labels, null for one who used a single label', () => {
    const m = pairwiseAgreementMatrix(annotations);
    expect(m.kappa.map((row, i) => row[i])).toEqual([1, 1, null]);
    expect(m.agreement.map((row, i) => row[i])).toEqual([1, 1, 1]);
  });

  it('gives null kappa and agreement for raters with no item in common', () => {
    const m = pairwiseAgreementMatrix([
      { item: 'a', rater: 'x', label: 0 },
      { item: 'b', rater: 'y', label: 1 },
    ]);
    expect(m).toMatchObject({ n: [[1, 0], [0, 1]], agreement: [[1, null], [null, 1]], kappa: [[null, null], [null, null]] });
  });

  const WEIGHTS = ['none', 'linear', 'quadratic'] as const;
  it.each(WEIGHTS)('each %s-weighted cell equals cohensKappa with the global label set', (weights) => {
    const m = pairwiseAgreementMatrix(annotations, { weights });
    const byRater = (r: string): (number | null)[] =>
      [1, 2, 3, 4].map((item) => annotations.find((a) => a.rater === r && a.item === item)?.label ?? null);
    for (const [i, x] of m.raters.entries()) {
      for (const [j, y] of m.raters.entries()) {
        expect(m.kappa[i][j]).toEqual(cohensKappa(byRater(x), byRater(y), { weights, labels: [0, 1, 2] }).value);
      }
    }
  });

  it('drops annotations whose label is outside options.labels, as scikit-learn does', () => {
    const m = pairwiseAgreementMatrix(annotations, { labels: [0, 1] });
    expect(m.n[2][2]).toBe(0);
    expect(m.n[0][2]).toBe(0);
    expect(m.kappa[0][1]).toBeCloseTo(0.4, 12);
  });

  it.each([
    { name: 'no annotations', input: [], reason: /no annotations/ },
    { name: 'a rater labelling an item twice', input: [...annotations, { item: 4, rater: 'ann', label: 1 }], reason: /more than once/ },
    { name: 'a NaN label', input: [{ item: 1, rater: 'x', label: NaN }], reason: /finite label/ },
    { name: 'a missing rater', input: [{ item: 1, label: 1 } as unknown as PairwiseAnnotation], reason: /string rater/ },
  ])('returns empty matrices and a reason for $name', ({ input, reason }) => {
    const m = pairwiseAgreementMatrix(input);
    expect(m).toMatchObject({ raters: [], kappa: [], n: [], agreement: [] });
    expect(m.reason).toMatch(reason);
  });
});
