// Which version the screen shows: the one chosen, else the newest complete one, else the newest; and the version a
// step away in the list (newest first), for the arrow keys.
import type { SnapshotView } from '@arbiter/contracts';

export function shownVersion(list: readonly Pick<SnapshotView, 'version' | 'status'>[], chosen: number | null): number | null {
  if (chosen !== null && list.some((s) => s.version === chosen)) return chosen;
  return (list.find((s) => s.status === 'complete') ?? list[0])?.version ?? null;
}

/** `step` 1 is the next older version, -1 the next newer; at either end it stays. */
export function steppedVersion(list: readonly Pick<SnapshotView, 'version'>[], current: number | null, step: 1 | -1): number | null {
  if (list.length === 0) return null;
  const i = list.findIndex((s) => s.version === current);
  if (i === -1) return list[0].version;
  return list[Math.min(list.length - 1, Math.max(0, i + step))].version;
}
