// The undefined and malformed cases of every coefficient, side by side: null with a reason, never NaN,
// Infinity or a throw; and a seeded fuzz that scans every number any function returns.
import { bootstrapInterval } from './bootstrap-interval';
import { cohensKappa } from './cohens-kappa';
import { fleissKappa } from './fleiss-kappa';
import { krippendorffAlpha, MeasurementLevel } from './krippendorff-alpha';
import { pairwiseAgreementMatrix } from './pairwise-agreement';
import { mulberry32 } from '@arbiter/util/random';

const LEVELS: MeasurementLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];

/** Every number anywhere inside a result. */
function numbersIn(x: unknown): number[] {
  if (typeof x === 'number') return [x];
  if (Array.isArray(x)) return x.flatMap(numbersIn);
  if (x && typeof x === 'object') return Object.values(x).flatMap(numbersIn);
  return [];
}

function expectFinite(result: unknown): void {
  expect(numbersIn(result).filter((v) => !Number.isFinite(v))).toEqual([]);
}

type Outcome = { value: number | null; reason?: string };
const alphas = (data: (number | null)[][]): [string, () => Outcome][] =>
  LEVELS.map((level) => [`alpha ${level}`, () => krippendorffAlpha(data, { level })]);

describe.each([
  {
    edge: 'one category only',
    expected: null,
    calls: [
      ['cohen', () => cohensKappa([2, 2, 2], [2, 2, 2])],
      ['cohen quadratic', () => cohensKappa([2, 2], [2, 2], { weights: 'quadratic' })],
      ['fleiss', () => fleissKappa([[0, 3], [0, 3]])],
      ...alphas([[2, 2, 2], [2, 2, 2]]),
    ] as [string, () => Outcome][],
  },
  {
    edge: 'all raters agree on two categories',
    expected: 1,
    calls: [
      ['cohen', () => cohensKappa([1, 2, 1], [1, 2, 1])],
      ['cohen linear', () => cohensKappa([1, 2, 1], [1, 2, 1], { weights: 'linear' })],
      ['fleiss', () => fleissKappa([[3, 0], [0, 3], [3, 0]])],
      ...alphas([[1, 2, 1], [1, 2, 1], [1, null, 1]]),
    ] as [string, () => Outcome][],
  },
  {
    edge: 'no pairable units',
    expected: null,
    calls: [
      ['cohen', () => cohensKappa([1, null, 2], [null, 2, null])],
      ['fleiss (one rating per item)', () => fleissKappa([[1, 0], [0, 1]])],
      ...alphas([[1, null, 2], [null, 2, null]]),
    ] as [string, () => Outcome][],
  },
  {
    edge: 'a single rater',
    expected: null,
    calls: [['fleiss', () => fleissKappa([[1, 0, 0], [0, 1, 0]])], ...alphas([[1, 2, 3]])] as [string, () => Outcome][],
  },
  {
    edge: 'mismatched lengths',
    expected: null,
    calls: [
      ['cohen', () => cohensKappa([1, 2, 3], [1, 2])],
      ['fleiss', () => fleissKappa([[1, 1], [1, 1, 0]])],
      ...alphas([[1, 2, 3], [1, 2]]),
    ] as [string, () => Outcome][],
  },
  {
    edge: 'empty input',
    expected: null,
    calls: [
      ['cohen', () => cohensKappa([], [])],
      ['fleiss', () => fleissKappa([])],
      ['bootstrap', () => bootstrapInterval((s: number[]) => s.length, [], { samples: 5, seed: 1, level: 0.9 })],
      ...alphas([]),
      ...alphas([[], []]),
    ] as [string, () => Outcome][],
  },
])('$edge', ({ expected, calls }) => {
  it.each(calls)(`%s → ${String(expected)}`, (_, call) => {
    const result = call();
    expect(result.value).toBe(expected);
    if (expected === null) expect(result.reason).toEqual(expect.any(String));
    else expect(result.reason).toBeUndefined();
    expectFinite(result);
  });
});

describe('no NaN or Infinity anywhere (seeded fuzz over small awkward inputs)', () => {
  const random = mulberry32(99);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  // Few units, few raters, many nulls and repeated values: the corners where 0/0 hides.
  const rating = (): number | null => pick([null, null, 0, 1, 1, 2, -1, 0.5]);
  const inputs = Array.from({ length: 300 }, () => {
    const raters = Math.floor(random() * 4);
    const units = Math.floor(random() * 4);
    return Array.from({ length: raters }, () => Array.from({ length: units }, rating));
  });

  it('krippendorffAlpha, cohensKappa, fleissKappa, pairwiseAgreementMatrix and bootstrapInterval', () => {
    for (const data of inputs) {
      for (const level of LEVELS) expectFinite(krippendorffAlpha(data, { level }));
      for (const weights of ['none', 'linear', 'quadratic'] as const) {
        expectFinite(cohensKappa(data[0] ?? [], data[1] ?? [], { weights }));
        const annotations = data.flatMap((row, r) =>
          row.flatMap((label, item) => (label === null ? [] : [{ item, rater: `r${r}`, label }])),
        );
        expectFinite(pairwiseAgreementMatrix(annotations, { weights }));
      }
      const counts = (data[0] ?? []).map(() => [Math.floor(random() * 3), Math.floor(random() * 3)]);
      expectFinite(fleissKappa(counts));
      const kappa = (rows: number[][]): number | null => fleissKappa(rows).value;
      expectFinite(bootstrapInterval(kappa, counts, { samples: 20, seed: 5, level: 0.9 }));
    }
  });
});
