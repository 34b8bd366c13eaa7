import type { SortDirection, SortState } from './table-sort';

export interface SortHeaderProps<K extends string> {
  label: string;
  sortKey: K;
  sort: SortState<K> | null;
  /** Called with the clicked column; the caller decides the next direction (see `nextSort`). */
  onSort: (key: K) => void;
  numeric?: boolean;
  /** What the column means, shown on hover. */
  title?: string;
}

const ARROWS: Record<SortDirection, string> = { ascending: '▲', descending: '▼' };

/** A column header that sorts on click, announcing the order with aria-sort. */
export function SortHeader<K extends string>({ label, sortKey, sort, onSort, numeric = false, title }: SortHeaderProps<K>) {
  const direction = sort?.key === sortKey ? sort.direction : null;
  return (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={direction ?? 'none'} title={title}>
      <button type="button" className="sort-header" onClick={() => onSort(sortKey)} data-testid={`sort-${sortKey}`}>
        {label}
        <span className="sort-header__arrow" aria-hidden="true">
          {direction ? ARROWS[direction] : '↕'}
        </span>
      </button>
    </th>
  );
}
