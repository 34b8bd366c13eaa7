import { assignSplits } from './assign-splits';
import type { SplitAssignment, SplitCandidate, SplitCounts } from './assign-splits';
import { SPLIT_NAMES } from './largest-deficit';
import type { SplitName, SplitRatios } from './largest-deficit';

const DEFAULT: SplitRatios = { train: 0.8, valid: 0.1, test: 0.1 };

/**
 * `authors` groups of 1 to 8 items (author i has 1 + i mod 8), each author writing mostly one label (every fifth
 * item of an author carries the next label), followed by `loose` items with no group; ids from `firstId`.
 */
function groupedItems({ authors, loose, firstId = 1 }: { authors: number; loose: number; firstId?: number }) {
  const items: SplitCandidate[] = [];
  const nextId = () => String(firstId + items.length);
  for (let a = 0; a < authors; a++) {
    for (let k = 0; k < 1 + (a % 8); k++) {
      items.push({ itemId: nextId(), label: (a + (k % 5 === 4 ? 1 : 0)) % 3, group: `author-${a}` });
    }
  }
  for (let i = 0; i < loose; i++) items.push({ itemId: nextId(), label: i % 3, group: i % 2 ? null : undefined });
  return items;
}

/** group → the set of splits its items were given. */
function splitsPerGroup(items: SplitCandidate[], assignments: SplitAssignment[]): Map<string, Set<SplitName>> {
  const splitOf = new Map(assignments.map(({ itemId, split }) => [itemId, split]));
  const perGroup = new Map<string, Set<SplitName>>();
  for (const { itemId, group } of items) {
    if (group == null) continue;
    perGroup.set(group, (perGroup.get(group) ?? new Set()).add(splitOf.get(itemId) as SplitName));
  }
  return perGroup;
}

function countsOf(items: SplitCandidate[], assignments: SplitAssignment[]): SplitCounts {
  const labelOf = new Map(items.map((item) => [item.itemId, item.label]));
  const counts: SplitCounts = {};
  for (const { itemId, split } of assignments) {
    const label = labelOf.get(itemId) as number;
    counts[label] ??= { train: 0, valid: 0, test: 0 };
    counts[label][split] += 1;
  }
  return counts;
}

describe('assignSplits with groups', () => {
  it('keeps every group in one split and reports each new group with that split', () => {
    const items = groupedItems({ authors: 120, loose: 200 });
    const { assignments, groups } = assignSplits({ items, seed: 9, ratios: DEFAULT });
    expect(assignments).toHaveLength(items.length);
    const perGroup = splitsPerGroup(items, assignments);
    expect(perGroup.size).toBe(120);
    for (const [group, splits] of perGroup) expect([group, [...splits]]).toEqual([group, [groups[group]]]);
    // Whole groups in every split, not all of them parked in train.
    expect(new Set(Object.values(groups))).toEqual(new Set(SPLIT_NAMES));
  }, 5_000);

  it('sends items of a group that already has a split there, and reports only the groups new in this call', () => {
    const items = groupedItems({ authors: 40, loose: 0 });
    const existing: Record<string, SplitName> = { 'author-0': 'test', 'author-7': 'valid', 'author-9': 'train' };
    const { assignments, groups } = assignSplits({ items, seed: 9, ratios: DEFAULT, groups: existing });
    const perGroup = splitsPerGroup(items, assignments);
    expect([...(perGroup.get('author-0') ?? [])]).toEqual(['test']);
    expect([...(perGroup.get('author-7') ?? [])]).toEqual(['valid']);
    expect([...(perGroup.get('author-9') ?? [])]).toEqual(['train']);
    expect(Object.keys(groups).sort()).toEqual(
      Array.from({ length: 40 }, (_, a) => `author-${a}`).filter((g) => !(g in existing)).sort(),
    );
  }, 5_000);

  it('keeps a group whole across calls when its placement is passed back', () => {
    const all = groupedItems({ authors: 60, loose: 100 });
    const first = all.filter((_, i) => i % 2 === 0);
    const later = all.filter((_, i) => i % 2 === 1);
    const one = assignSplits({ items: first, seed: 4, ratios: DEFAULT });
    const counts = countsOf(first, one.assignments);
    const two = assignSplits({ items: later, seed: 4, ratios: DEFAULT, counts, groups: one.groups });
    expect(Object.keys(two.groups).filter((g) => g in one.groups)).toEqual([]);
    for (const [group, splits] of splitsPerGroup(all, [...one.assignments, ...two.assignments])) {
      expect([group, splits.size]).toEqual([group, 1]);
    }
  }, 5_000);

  it('gives the same assignment for the same grouped items in any order', () => {
    const items = groupedItems({ authors: 50, loose: 50 });
    const expected = assignSplits({ items, seed: 2, ratios: DEFAULT });
    expect(assignSplits({ items: [...items].reverse(), seed: 2, ratios: DEFAULT })).toEqual(expected);
  }, 5_000);

  it('keeps each class roughly stratified: off by no more than the largest group (8 items)', () => {
    const items = groupedItems({ authors: 300, loose: 0 });
    const counts = countsOf(items, assignSplits({ items, seed: 6, ratios: DEFAULT }).assignments);
    for (const perSplit of Object.values(counts)) {
      const size = perSplit.train + perSplit.valid + perSplit.test;
      for (const split of SPLIT_NAMES) expect(Math.abs(perSplit[split] - DEFAULT[split] * size)).toBeLessThanOrEqual(8);
    }
  }, 5_000);

  it('gives no new group to a split with ratio 0', () => {
    const items = groupedItems({ authors: 100, loose: 20 });
    const ratios = { train: 0.7, valid: 0, test: 0.3 };
    const { assignments, groups } = assignSplits({ items, seed: 1, ratios });
    expect(assignments.filter((a) => a.split === 'valid')).toEqual([]);
    expect(Object.values(groups)).not.toContain('valid');
  }, 5_000);

  it('treats group values named like Object properties as ordinary groups', () => {
    const items: SplitCandidate[] = [
      { itemId: '1', label: 0, group: 'constructor' },
      { itemId: '2', label: 0, group: '__proto__' },
      { itemId: '3', label: 0, group: 'toString' },
    ];
    const existing = Object.fromEntries<SplitName>([['toString', 'test']]);
    const { assignments, groups } = assignSplits({ items, seed: 1, ratios: DEFAULT, groups: existing });
    expect(Object.keys(groups).sort()).toEqual(['__proto__', 'constructor']);
    expect(assignments.find((a) => a.itemId === '3')?.split).toBe('test');
    expect(Object.getPrototypeOf(groups)).toBe(Object.prototype);
  }, 5_000);
});
