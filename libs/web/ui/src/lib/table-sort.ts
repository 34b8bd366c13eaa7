// Sorting a table by one column: numbers and text in either direction, with undefined values (null, NaN) always
// last, since "no figure" is not the smallest figure. Ties keep a stable secondary order.

export type SortDirection = 'ascending' | 'descending';
export type SortValue = number | string | null;

export interface SortState<K extends string = string> {
  key: K;
  direction: SortDirection;
}

const isMissing = (v: SortValue): v is null => v === null || (typeof v === 'number' && Number.isNaN(v));

function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: 'base' });
}

/** A sorted copy; `tieBreak` orders equal and missing values (e.g. by name). */
export function sortRows<T>(
  rows: readonly T[],
  value: (row: T) => SortValue,
  direction: SortDirection,
  tieBreak: (a: T, b: T) => number = () => 0,
): T[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row) => ({ row, v: value(row) }))
    .sort((a, b) => {
      const am = isMissing(a.v);
      const bm = isMissing(b.v);
      if (am || bm) return am && bm ? tieBreak(a.row, b.row) : am ? 1 : -1;
      return sign * compareValues(a.v, b.v) || tieBreak(a.row, b.row);
    })
    .map((x) => x.row);
}

/** A click on a header: the same column flips, another starts in its own first direction. */
export function nextSort<K extends string>(current: SortState<K> | null, key: K, firstDirection: SortDirection): SortState<K> {
  if (current?.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key, direction: firstDirection };
}
