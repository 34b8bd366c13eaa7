import { assignSplits } from './assign-splits';
import type { SplitCandidate, SplitCounts } from './assign-splits';
import { SPLIT_NAMES } from './largest-deficit';
import type { SplitName, SplitRatios } from './largest-deficit';

const RATIOS: SplitRatios[] = [
  { train: 0.8, valid: 0.1, test: 0.1 },
  { train: 0.7, valid: 0.15, test: 0.15 },
  { train: 1 / 3, valid: 1 / 3, test: 1 / 3 },
  { train: 0.5, valid: 0.5, test: 0 },
  { train: 0.9, valid: 0.1, test: 0 },
];
const DEFAULT: SplitRatios = { train: 0.8, valid: 0.1, test: 0.1 };

/** Classes of the given sizes (label i has sizes[i] items), ids numbered from `firstId`, labels interleaved. */
function itemsOfSizes(sizes: number[], firstId = 1): SplitCandidate[] {
  const items: SplitCandidate[] = [];
  const left = [...sizes];
  while (left.some((n) => n > 0)) {
    left.forEach((n, label) => {
      if (n > 0) items.push({ itemId: String(firstId + items.length), label });
      left[label] = n - 1;
    });
  }
  return items;
}

/** Adds a call's assignments to per-label counts (a copy), as the server would read them back. */
function addCounts(counts: SplitCounts, items: SplitCandidate[], assignments: { itemId: string; split: SplitName }[]) {
  const next: SplitCounts = structuredClone(counts);
  const labelOf = new Map(items.map((item) => [item.itemId, item.label]));
  for (const { itemId, split } of assignments) {
    const label = labelOf.get(itemId) as number;
    next[label] ??= { train: 0, valid: 0, test: 0 };
    next[label][split] += 1;
  }
  return next;
}

/** The largest |count − ratio × class size| over every class and split. */
function worstDeviation(counts: SplitCounts, ratios: SplitRatios): number {
  let worst = 0;
  for (const perSplit of Object.values(counts)) {
    const size = perSplit.train + perSplit.valid + perSplit.test;
    for (const split of SPLIT_NAMES) worst = Math.max(worst, Math.abs(perSplit[split] - ratios[split] * size));
  }
  return worst;
}

const splitMap = (assignments: { itemId: string; split: SplitName }[]) =>
  new Map(assignments.map(({ itemId, split }) => [itemId, split]));

describe('assignSplits without groups', () => {
  it.each(RATIOS)('puts each class of 1, 2, 7, 10 and 1000 items within ±1 of %j at the first call', (ratios) => {
    const items = itemsOfSizes([1, 2, 7, 10, 1000]);
    const { assignments, groups } = assignSplits({ items, seed: 42, ratios });
    expect(assignments.map((a) => a.itemId).sort()).toEqual(items.map((i) => i.itemId).sort());
    expect(groups).toEqual({});
    const counts = addCounts({}, items, assignments);
    expect(Object.keys(counts)).toHaveLength(5);
    expect(worstDeviation(counts, ratios)).toBeLessThan(1);
  }, 10_000);

  it('splits 10 and 1000 items of a class exactly 8/1/1 and 800/100/100 at 80/10/10', () => {
    const items = itemsOfSizes([10, 1000]);
    const counts = addCounts({}, items, assignSplits({ items, seed: 7, ratios: DEFAULT }).assignments);
    expect(counts[0]).toEqual({ train: 8, valid: 1, test: 1 });
    expect(counts[1]).toEqual({ train: 800, valid: 100, test: 100 });
  }, 5_000);

  it('gives the same assignment for the same items in any order', () => {
    const items = itemsOfSizes([3, 50, 400]);
    const expected = assignSplits({ items, seed: 5, ratios: DEFAULT });
    const reversed = [...items].reverse();
    const byLabelThenId = [...items].sort((a, b) => b.label - a.label || a.itemId.localeCompare(b.itemId));
    expect(assignSplits({ items: reversed, seed: 5, ratios: DEFAULT })).toEqual(expected);
    expect(assignSplits({ items: byLabelThenId, seed: 5, ratios: DEFAULT })).toEqual(expected);
  }, 5_000);

  it.each(RATIOS)('keeps the cumulative counts within ±1 as batches of 1 to 300 items arrive at %j', (ratios) => {
    const batchSizes = [1, 1, 2, 7, 300, 1, 13, 64, 5, 200, 1, 3];
    let counts: SplitCounts = {};
    let nextId = 1;
    const seen = new Set<string>();
    for (const size of batchSizes) {
      const [half, third] = [Math.ceil(size / 2), Math.floor(size / 3)];
      const items = itemsOfSizes([half, third, size - half - third], nextId);
      nextId += items.length;
      const { assignments } = assignSplits({ items, seed: 11, ratios, counts });
      // Only the new batch is assigned: earlier items are never handed back with another split.
      expect(assignments.map((a) => a.itemId).sort()).toEqual(items.map((i) => i.itemId).sort());
      assignments.forEach(({ itemId }) => seen.add(itemId));
      counts = addCounts(counts, items, assignments);
      expect(worstDeviation(counts, ratios)).toBeLessThan(1);
    }
    expect(seen.size).toBe(nextId - 1);
  }, 10_000);

  it('assigns a batch the same whatever batches come after it', () => {
    const run = (batches: SplitCandidate[][]) => {
      let counts: SplitCounts = {};
      return batches.map((items) => {
        const { assignments } = assignSplits({ items, seed: 3, ratios: DEFAULT, counts });
        counts = addCounts(counts, items, assignments);
        return assignments;
      });
    };
    const a = itemsOfSizes([20, 5], 1);
    const b = itemsOfSizes([9, 9], 100);
    const [aThenC, bThenC] = run([a, b, itemsOfSizes([1, 30], 200)]);
    const [aThenD, bThenD] = run([a, b, itemsOfSizes([60, 2, 2], 300), itemsOfSizes([4], 400)]);
    expect(aThenD).toEqual(aThenC);
    expect(bThenD).toEqual(bThenC);
  }, 5_000);

  it('gives nothing to a split with ratio 0, also when the prior counts are far off the ratios', () => {
    const items = itemsOfSizes([1, 2, 7, 500]);
    for (const ratios of [
      { train: 0.5, valid: 0.5, test: 0 },
      { train: 0, valid: 1, test: 0 },
      { train: 0, valid: 0.2, test: 0.8 },
    ]) {
      const skewed: SplitCounts = { 0: { train: 0, valid: 90, test: 0 }, 3: { train: 40, valid: 0, test: 3 } };
      for (const counts of [{}, skewed]) {
        const { assignments } = assignSplits({ items, seed: 1, ratios, counts });
        const zero = SPLIT_NAMES.filter((split) => ratios[split] === 0);
        expect(assignments.filter((a) => zero.includes(a.split))).toEqual([]);
      }
    }
  }, 5_000);

  it('is fixed by the seed, and another seed draws a different assignment', () => {
    const items = itemsOfSizes([1000]);
    const one = splitMap(assignSplits({ items, seed: 1, ratios: DEFAULT }).assignments);
    expect(splitMap(assignSplits({ items, seed: 1, ratios: DEFAULT }).assignments)).toEqual(one);
    const two = splitMap(assignSplits({ items, seed: 2, ratios: DEFAULT }).assignments);
    // Two independent draws agree on an item with probability 0.8² + 0.1² + 0.1² = 0.66: about 340 of 1000
    // differ (sd ≈ 15); the test splits (100 each) share about 10 items.
    const differing = items.filter(({ itemId }) => one.get(itemId) !== two.get(itemId)).length;
    expect(differing).toBeGreaterThan(250);
    const sharedTest = items.filter(({ itemId }) => one.get(itemId) === 'test' && two.get(itemId) === 'test').length;
    expect(sharedTest).toBeLessThan(40);
  }, 5_000);

  it('rejects ratios that do not add up to 1 or are negative, and an item listed twice', () => {
    const items = itemsOfSizes([3]);
    expect(() => assignSplits({ items, seed: 1, ratios: { train: 0.8, valid: 0.1, test: 0.2 } })).toThrow(
      new RangeError('split ratios must add up to 1, got train 0.8 + valid 0.1 + test 0.2 = 1.1'),
    );
    expect(() => assignSplits({ items, seed: 1, ratios: { train: 0.6, valid: 0.5, test: -0.1 } })).toThrow(
      new RangeError('split ratio test must be a number in [0, 1], got -0.1'),
    );
    expect(() => assignSplits({ items: [...items, items[0]], seed: 1, ratios: DEFAULT })).toThrow(
      new RangeError('item 1 appears twice: each item gets exactly one split'),
    );
    expect(() =>
      assignSplits({ items, seed: 1, ratios: DEFAULT, counts: { 0: { train: -1, valid: 0, test: 0 } } }),
    ).toThrow(RangeError);
  }, 5_000);
});
