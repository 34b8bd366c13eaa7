// Train/valid/test assignment of items getting their first label (issue 11): fixed for ever once made, so this
// only ever assigns new items, deterministically from a hash of id and seed, stratified by that first label, with
// an optional group (e.g. an author) that never spans two splits.
//
// Order of work within a call, each step in a fixed order so the input's order never matters:
//   1. items of a group that already has a split join it;
//   2. new groups, in splitPosition order of the group value, go as a unit to the split with the largest deficit
//      for the group's majority label (weighted by how many of the group's items carry it);
//   3. ungrouped items, in splitPosition order of their id, go one by one to their class's largest-deficit split.
// Ungrouped items come last so they even out what whole groups left. Without groups every class stays within
// ±1 item of ratio × size in every call and cumulatively across calls (the counts carry the past). With groups the
// stratification is approximate: a group's items all move together, so a large group can push its classes past ±1.
// Items of an existing group follow their group even into a split whose ratio is now 0 (the ratios changed after
// the group was placed): keeping a group whole is what prevents leakage, so it wins over the ratio.
import { largestDeficitSplit, checkRatios, SPLIT_NAMES } from './largest-deficit';
import type { SplitName, SplitRatios, SplitTally } from './largest-deficit';
import { splitPosition } from './split-position';

export interface SplitCandidate {
  itemId: string;
  /** The item's first label (a class index); the class it is stratified by. */
  label: number;
  /** The value of the project's group key; null or undefined for an item assigned on its own. */
  group?: string | null;
}

/** Per label, items assigned to each split in earlier calls. */
export type SplitCounts = Record<number, Record<SplitName, number>>;

export interface SplitAssignment {
  itemId: string;
  split: SplitName;
}

export interface AssignSplitsResult {
  /** One per input item, in the order they were assigned (the same for any order of the input). */
  assignments: SplitAssignment[];
  /** Groups placed by this call, to be stored and passed back as `groups` later. */
  groups: Record<string, SplitName>;
}

export function assignSplits({
  items,
  seed,
  ratios,
  counts = {},
  groups = {},
}: {
  items: SplitCandidate[];
  seed: number;
  ratios: SplitRatios;
  counts?: SplitCounts;
  groups?: Record<string, SplitName>;
}): AssignSplitsResult {
  checkRatios(ratios);
  checkDistinctIds(items);
  const tallies = new Map<number, SplitTally>();
  const tallyOf = (label: number): SplitTally => {
    let tally = tallies.get(label);
    if (!tally) {
      tally = startTally(label, counts[label]);
      tallies.set(label, tally);
    }
    return tally;
  };
  const assignments: SplitAssignment[] = [];
  const place = (item: SplitCandidate, split: SplitName): void => {
    tallyOf(item.label)[split] += 1;
    assignments.push({ itemId: item.itemId, split });
  };

  const byPosition = (key: string) => ({ key, position: splitPosition({ itemId: key, seed }) });
  const ungrouped = items.filter((item) => item.group == null);
  const newGroups = new Map<string, SplitCandidate[]>();
  for (const item of sortByPosition(items.filter((i) => i.group != null), (i) => byPosition(i.itemId))) {
    const group = item.group as string;
    // hasOwn, not groups[group]: an author called "constructor" is a group value, not Object's prototype.
    if (Object.hasOwn(groups, group)) {
      const existing = groups[group];
      checkSplitName(existing, group);
      place(item, existing);
    } else {
      const members = newGroups.get(group);
      if (members) members.push(item);
      else newGroups.set(group, [item]);
    }
  }

  const placedGroups: [string, SplitName][] = [];
  for (const group of sortByPosition([...newGroups.keys()], byPosition)) {
    const members = newGroups.get(group) ?? [];
    const { label, size } = majorityLabel(members);
    const split = largestDeficitSplit({ ratios, tally: tallyOf(label), weight: size });
    placedGroups.push([group, split]);
    for (const item of members) place(item, split);
  }

  for (const item of sortByPosition(ungrouped, (i) => byPosition(i.itemId))) {
    place(item, largestDeficitSplit({ ratios, tally: tallyOf(item.label), weight: 1 }));
  }
  // fromEntries defines own properties, so even a group named "__proto__" comes back as a plain key.
  return { assignments, groups: Object.fromEntries(placedGroups) };
}

/** Ascending hash position; the key (an id or group value) breaks the rare tie of two equal hashes. */
function sortByPosition<T>(values: T[], keyOf: (value: T) => { key: string; position: number }): T[] {
  const keyed = values.map((value) => ({ value, ...keyOf(value) }));
  keyed.sort((a, b) => a.position - b.position || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map(({ value }) => value);
}

/** The label most of the group's items carry (the smallest label on a tie) and how many carry it. */
function majorityLabel(members: SplitCandidate[]): { label: number; size: number } {
  const perLabel = new Map<number, number>();
  for (const { label } of members) perLabel.set(label, (perLabel.get(label) ?? 0) + 1);
  let best = { label: Infinity, size: 0 };
  for (const [label, size] of perLabel) {
    if (size > best.size || (size === best.size && label < best.label)) best = { label, size };
  }
  return best;
}

function startTally(label: number, prior: Record<SplitName, number> | undefined): SplitTally {
  const tally: SplitTally = { train: 0, valid: 0, test: 0 };
  for (const split of SPLIT_NAMES) {
    const count = prior?.[split] ?? 0;
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(`counts[${label}].${split} must be a non-negative integer, got ${count}`);
    }
    tally[split] = count;
  }
  return tally;
}

function checkDistinctIds(items: SplitCandidate[]): void {
  const seen = new Set<string>();
  for (const { itemId } of items) {
    if (seen.has(itemId)) throw new RangeError(`item ${itemId} appears twice: each item gets exactly one split`);
    seen.add(itemId);
  }
}

function checkSplitName(split: string, group: string): void {
  if (!(SPLIT_NAMES as readonly string[]).includes(split)) {
    throw new RangeError(`group ${group} has split ${split}, expected one of ${SPLIT_NAMES.join(', ')}`);
  }
}
