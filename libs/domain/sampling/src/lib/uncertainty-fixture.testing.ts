// Test-only: runs a strategy over the hand-worked cases of fixtures/uncertainty-hand.json in every input form
// (number[][], Float32Array, Float64Array; exclude as a Set and as a mask) and for every smaller batch size.
import { loadFixture } from './fixtures.testing';
import type { UncertaintyOptions } from './uncertainty';

export type UncertaintyStrategy = 'leastConfidence' | 'margin' | 'entropy';

interface UncertaintyCase {
  name: string;
  why: string;
  numClasses: number;
  probs: number[][];
  batchSize: number;
  exclude?: number[];
  expected: Record<UncertaintyStrategy, number[]>;
}

const { cases } = loadFixture<{ cases: UncertaintyCase[] }>('uncertainty-hand.json');

export function itMatchesHandWorkedCases(strategy: UncertaintyStrategy, select: (options: UncertaintyOptions) => number[]): void {
  for (const c of cases) {
    const expected = c.expected[strategy];
    const exclude = c.exclude && new Set(c.exclude);

    it(`${c.name}: the exact hand-worked order, in every input form`, () => {
      expect(select({ probs: c.probs, batchSize: c.batchSize, exclude })).toEqual(expected);
      const flat = c.probs.flat();
      expect(select({ probs: Float32Array.from(flat), numClasses: c.numClasses, batchSize: c.batchSize, exclude })).toEqual(expected);
      expect(select({ probs: Float64Array.from(flat), numClasses: c.numClasses, batchSize: c.batchSize, exclude })).toEqual(expected);
      if (exclude) {
        const mask = c.probs.map((_, i) => exclude.has(i));
        expect(select({ probs: c.probs, batchSize: c.batchSize, exclude: mask })).toEqual(expected);
        expect(select({ probs: c.probs, batchSize: c.batchSize, exclude: Uint8Array.from(mask, Number) })).toEqual(expected);
      }
    }, 10_000);

    it(`${c.name}: every smaller batch is a prefix of the same order`, () => {
      for (let b = 1; b <= expected.length; b++) {
        expect(select({ probs: c.probs, batchSize: b, exclude })).toEqual(expected.slice(0, b));
      }
    }, 10_000);
  }

  it('puts a uniform row first wherever it stands, and never returns an excluded row', () => {
    const probs = [
      [0.7, 0.2, 0.1],
      [0.4, 0.35, 0.25],
      [0.9, 0.05, 0.05],
    ];
    const uniform = [1 / 3, 1 / 3, 1 / 3];
    for (let at = 0; at <= probs.length; at++) {
      const withUniform = [...probs.slice(0, at), uniform, ...probs.slice(at)];
      expect(select({ probs: withUniform, batchSize: 1 })).toEqual([at]);
      expect(select({ probs: withUniform, batchSize: 4, exclude: new Set([at]) })).not.toContain(at);
    }
  }, 10_000);

  it('returns nothing for no rows or everything excluded', () => {
    expect(select({ probs: [], batchSize: 3 })).toEqual([]);
    expect(select({ probs: new Float32Array(0), numClasses: 2, batchSize: 3 })).toEqual([]);
    expect(select({ probs: [[0.5, 0.5]], batchSize: 3, exclude: new Set([0]) })).toEqual([]);
  }, 10_000);

  it('rejects a bad batch size, ragged rows, a typed array without numClasses or of the wrong length, and non-probabilities', () => {
    const probs = [
      [0.5, 0.5],
      [0.9, 0.1],
    ];
    expect(() => select({ probs, batchSize: 0 })).toThrow(new RangeError('batchSize must be an integer ≥ 1, got 0'));
    expect(() => select({ probs, batchSize: 1.5 })).toThrow(/^batchSize/);
    expect(() => select({ probs: [[0.5, 0.5], [1]], batchSize: 1 })).toThrow(new RangeError('probs row 1 has 1 entries, expected 2 like row 0'));
    expect(() => select({ probs, numClasses: 3, batchSize: 1 })).toThrow(new RangeError('probs row 0 has 2 entries, expected numClasses = 3'));
    expect(() => select({ probs: new Float32Array(5), numClasses: 2, batchSize: 1 })).toThrow(
      new RangeError('probs has 5 entries, not a multiple of numClasses = 2'),
    );
    expect(() => select({ probs: new Float32Array(4), batchSize: 1 })).toThrow(/numClasses is required/);
    expect(() => select({ probs: [[1], [1]], batchSize: 1 })).toThrow(/probs rows need at least 2 entries/);
    expect(() => select({ probs: [[0.5, NaN]], batchSize: 1 })).toThrow(new RangeError('probs row 0, class 1 is NaN: expected a probability in [0, 1]'));
    expect(() => select({ probs: [[1.5, -0.5]], batchSize: 1 })).toThrow(/probs row 0, class 0 is 1.5/);
    expect(() => select({ probs, batchSize: 1, exclude: new Set([2]) })).toThrow(new RangeError('exclude holds 2, not a row index in 0..1'));
    expect(() => select({ probs, batchSize: 1, exclude: [true] })).toThrow(new RangeError('exclude mask has 1 entries, expected one per row (2)'));
  }, 10_000);
}
