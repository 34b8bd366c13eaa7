// How a replay divides the project's labeled items: a held-out test share the curves are measured on, and the
// pool the simulated loop draws from (its labels hidden until the strategy asks for them). Stratified by label
// and seeded, so every strategy and seed of a replay, and every retry of its job, sees the same split. Plain
// functions over plain data. Not the project's train/valid/test assignment (libs/domain/splits, whose test split is
// active learning's evaluation slice): that one gives each item its split once, when first labeled, so it stays put
// as items arrive; a replay splits a frozen set and wants each label's share of a test set of an exact size (a
// four-label project with 50 held out cannot lose a label).
import { shuffledIndices } from '@arbiter/util/random';

export const REPLAY_TEST_SHARE = 0.25;
export const REPLAY_MIN_TEST = 50;

/** Held-out items for n labeled items: a quarter, at least REPLAY_MIN_TEST (never more than n). */
export function replayTestSize(n: number): number {
  return Math.min(n, Math.max(REPLAY_MIN_TEST, Math.ceil(n * REPLAY_TEST_SHARE)));
}

/** The fewest labeled items whose pool (what is left after the test share) holds `budget` items. */
export function minLabeledForBudget(budget: number): number {
  // n − max(50, ⌈n/4⌉) ≥ budget ⇔ n ≥ budget + 50 and ⌊3n/4⌋ ≥ budget ⇔ n ≥ ⌈4·budget/3⌉.
  return Math.max(budget + REPLAY_MIN_TEST, Math.ceil((4 * budget) / 3));
}

/**
 * Splits rows by their labels: each label gets its share of the test set (largest remainder, ties to the lower
 * label), filled from a seeded shuffle. Returns row indices, each list in ascending order.
 */
export function splitForReplay({ labels, seed }: { labels: ArrayLike<number>; seed: number }): { pool: number[]; test: number[] } {
  const n = labels.length;
  const testSize = replayTestSize(n);
  const byLabel = new Map<number, number[]>();
  for (const i of shuffledIndices(n, seed)) {
    const rows = byLabel.get(labels[i]);
    if (rows) rows.push(i);
    else byLabel.set(labels[i], [i]);
  }
  const classes = [...byLabel.keys()].sort((a, b) => a - b);
  const quota = classes.map((c) => (testSize * (byLabel.get(c) as number[]).length) / n);
  const take = quota.map(Math.floor);
  let left = testSize - take.reduce((s, t) => s + t, 0);
  const byRemainder = classes.map((_, j) => j).sort((a, b) => quota[b] - take[b] - (quota[a] - take[a]) || a - b);
  for (const j of byRemainder) {
    if (left === 0) break;
    take[j]++;
    left--;
  }
  const inTest = new Uint8Array(n);
  classes.forEach((c, j) => {
    for (const i of (byLabel.get(c) as number[]).slice(0, take[j])) inTest[i] = 1;
  });
  const pool: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < n; i++) (inTest[i] ? test : pool).push(i);
  return { pool, test };
}
