import { checkRatios, largestDeficitSplit, SPLIT_NAMES } from './largest-deficit';
import type { SplitRatios, SplitTally } from './largest-deficit';
import { splitPosition } from './split-position';

const FIXED_RATIOS: SplitRatios[] = [
  { train: 0.8, valid: 0.1, test: 0.1 },
  { train: 0.7, valid: 0.15, test: 0.15 },
  { train: 1 / 3, valid: 1 / 3, test: 1 / 3 },
  { train: 0.5, valid: 0.5, test: 0 },
  { train: 0.9, valid: 0.1, test: 0 },
  { train: 0, valid: 0.2, test: 0.8 },
  { train: 0.98, valid: 0.01, test: 0.01 },
  { train: 0.6, valid: 0.25, test: 0.15 },
  { train: 1, valid: 0, test: 0 },
];

/** 3,000 ratio triples spread over the simplex (every third one skewed towards a corner), from hash positions. */
function randomRatios(): SplitRatios[] {
  return Array.from({ length: 3000 }, (_, i) => {
    const u = splitPosition({ itemId: `a${i}`, seed: 'ratios' });
    const v = splitPosition({ itemId: `b${i}`, seed: 'ratios' });
    let parts = [Math.min(u, v), Math.abs(u - v), 1 - Math.max(u, v)];
    if (i % 3 === 0) parts = parts.map((p) => p ** 3);
    const sum = parts[0] + parts[1] + parts[2];
    return { train: parts[0] / sum, valid: parts[1] / sum, test: parts[2] / sum };
  });
}

/** Feeds `length` items of one class through the rule; the largest |count − ratio · n| over every prefix. */
function worstPrefixDeviation(ratios: SplitRatios, length: number): number {
  const tally: SplitTally = { train: 0, valid: 0, test: 0 };
  let worst = 0;
  for (let n = 1; n <= length; n++) {
    tally[largestDeficitSplit({ ratios, tally, weight: 1 })] += 1;
    for (const split of SPLIT_NAMES) worst = Math.max(worst, Math.abs(tally[split] - ratios[split] * n));
  }
  return worst;
}

describe('largestDeficitSplit', () => {
  it('sends ten items of one class at 80/10/10 to T T T V T T E T T T', () => {
    // By hand, deficit = ratio · n − count after n items: item 4 has train 3.2 − 3 = 0.2 against 0.4 for valid and
    // test (tie → valid); item 7 has train 5.6 − 5 = 0.6 against test 0.7; item 10 has train 8 − 7 = 1.
    const ratios = { train: 0.8, valid: 0.1, test: 0.1 };
    const tally: SplitTally = { train: 0, valid: 0, test: 0 };
    const picks: string[] = [];
    for (let n = 0; n < 10; n++) {
      const split = largestDeficitSplit({ ratios, tally, weight: 1 });
      tally[split] += 1;
      picks.push({ train: 'T', valid: 'V', test: 'E' }[split]);
    }
    expect(picks.join(' ')).toBe('T T T V T T E T T T');
  }, 5_000);

  it.each(FIXED_RATIOS)('keeps every prefix of 5,000 items within ±1 at %j', (ratios) => {
    expect(worstPrefixDeviation(ratios, 5000)).toBeLessThan(1);
  }, 10_000);

  it('keeps every prefix of 300 items within ±1 for 3,000 random ratio triples (brute force)', () => {
    const failures = randomRatios().filter((ratios) => worstPrefixDeviation(ratios, 300) >= 1);
    expect(failures).toEqual([]);
  }, 30_000);

  it('never picks a split with ratio 0, even when the others are far over their share', () => {
    const ratios = { train: 0.9, valid: 0.1, test: 0 };
    expect(largestDeficitSplit({ ratios, tally: { train: 50, valid: 40, test: 0 }, weight: 1 })).toBe('train');
    expect(largestDeficitSplit({ ratios, tally: { train: 50, valid: 40, test: 0 }, weight: 30 })).toBe('train');
  }, 5_000);

  it('weights a group by its size: 6 items go where the split is furthest behind after them', () => {
    // 10 items so far as 9/1/0 at 80/10/10; with 6 more: train 12.8 − 9 = 3.8, valid 1.6 − 1 = 0.6, test 1.6.
    const ratios = { train: 0.8, valid: 0.1, test: 0.1 };
    expect(largestDeficitSplit({ ratios, tally: { train: 9, valid: 1, test: 0 }, weight: 6 })).toBe('train');
    // One item: train 8.8 − 9 = −0.2, valid 0.1, test 1.1 → test.
    expect(largestDeficitSplit({ ratios, tally: { train: 9, valid: 1, test: 0 }, weight: 1 })).toBe('test');
  }, 5_000);
});

describe('checkRatios', () => {
  it.each([
    [{ train: 0.8, valid: 0.1, test: 0.2 }, /add up to 1.*= 1\.1/],
    [{ train: 0.5, valid: 0.2, test: 0.2 }, /add up to 1/],
    [{ train: 1.2, valid: -0.1, test: -0.1 }, /train must be a number in \[0, 1\], got 1\.2/],
    [{ train: 0.6, valid: 0.5, test: -0.1 }, /test must be a number in \[0, 1\], got -0\.1/],
    [{ train: Number.NaN, valid: 0.5, test: 0.5 }, /train must be a number in \[0, 1\], got NaN/],
  ])('rejects %j', (ratios, message) => {
    expect(() => checkRatios(ratios)).toThrow(RangeError);
    expect(() => checkRatios(ratios)).toThrow(message);
  }, 5_000);

  it('accepts ratios whose sum is 1 up to rounding (0.7 + 0.2 + 0.1 = 0.9999999999999999)', () => {
    expect(() => checkRatios({ train: 0.7, valid: 0.2, test: 0.1 })).not.toThrow();
  }, 5_000);
});
