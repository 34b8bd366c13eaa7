// Pure helpers for the review screen: which item the cursor is on as the queue changes under it, where it goes
// after a decision, which navigation keys the labels leave free, and label ids as names.
import type { LabelDef } from '@arbiter/contracts';

/** The item on screen, and where it was: if it leaves the queue, whatever takes its place is shown. */
export interface ReviewCursor {
  id: string | null;
  index: number;
}

export const START_CURSOR: ReviewCursor = { id: null, index: 0 };

/** Index of the item shown, or −1 when the queue is empty. */
export function cursorIndex(ids: readonly string[], cursor: ReviewCursor): number {
  if (ids.length === 0) return -1;
  const i = cursor.id === null ? -1 : ids.indexOf(cursor.id);
  return i >= 0 ? i : Math.min(cursor.index, ids.length - 1);
}

/** One step forward or back, stopping at either end. */
export function stepCursor(ids: readonly string[], cursor: ReviewCursor, delta: number): ReviewCursor {
  const i = cursorIndex(ids, cursor);
  if (i < 0) return cursor;
  const j = Math.max(0, Math.min(ids.length - 1, i + delta));
  return { id: ids[j], index: j };
}

/** After deciding `id`: the next open item, wrapping to the first one skipped earlier; empty when none is left. */
export function cursorAfterDecision(ids: readonly string[], id: string): ReviewCursor {
  const i = ids.indexOf(id);
  const rest = ids.filter((x) => x !== id);
  if (rest.length === 0) return START_CURSOR;
  const j = i >= 0 && i < rest.length ? i : 0;
  return { id: rest[j], index: j };
}

/** Navigation and view keys, minus any a label claims: the label keys work exactly as on the annotate screen. */
export interface ReviewKeys {
  next: string[];
  prev: string[];
  /** Switches between the open queue and the decided list. */
  view: string | null;
}

const NEXT_KEYS = ['j', 'ArrowDown', 'ArrowRight'];
const PREV_KEYS = ['k', 'ArrowUp', 'ArrowLeft'];
// Label hotkeys are letters and digits only, so "/" is always free.
const VIEW_KEYS = ['d', '/'];

export function reviewKeys(labelKeys: readonly (string | null)[]): ReviewKeys {
  const free = (k: string) => !labelKeys.includes(k);
  return { next: NEXT_KEYS.filter(free), prev: PREV_KEYS.filter(free), view: VIEW_KEYS.find(free) ?? null };
}

/** "ham, spam"; an id the schema does not know shows as "#7"; none as "no label". */
export function labelNames(labels: readonly Pick<LabelDef, 'name'>[], ids: readonly number[]): string {
  if (ids.length === 0) return 'no label';
  return ids.map((id) => labels[id]?.name ?? `#${id}`).join(', ');
}

/**
 * Open items across all pages: the server's `total`, minus the items decided here that it still counted (they
 * are in the loaded pages until the next refetch), never fewer than the items still shown.
 */
export function openTotal(total: number, loadedIds: readonly string[], removed: ReadonlySet<string>): number {
  const removedLoaded = loadedIds.filter((id) => removed.has(id)).length;
  return Math.max(loadedIds.length - removedLoaded, total - removedLoaded);
}

/** Same labels regardless of order: a revision that changes nothing is not sent. */
export function sameLabels(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** When a decision was made, in the reader's locale and time zone. */
export function formatDecidedAt(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
