// The LF analysis table's sortable columns (Snorkel's LFAnalysis plus the label model's learned accuracy): what
// each sorts by, the direction a first click sorts in (figures: largest first), and what it means.
import type { Lf } from '@arbiter/contracts';
import { sortRows, type SortDirection, type SortState, type SortValue } from '@arbiter/web/ui';
import { KIND_NAMES } from './lf-format';

export type LfColumnKey =
  | 'name'
  | 'kind'
  | 'coverage'
  | 'overlaps'
  | 'conflicts'
  | 'correct'
  | 'incorrect'
  | 'empiricalAccuracy'
  | 'learnedAccuracy';

export interface LfColumn {
  key: LfColumnKey;
  label: string;
  numeric: boolean;
  title: string;
  value: (lf: Lf) => SortValue;
}

const stat = (key: Exclude<LfColumnKey, 'name' | 'kind'>) => (lf: Lf) => lf.stats?.[key] ?? null;

export const LF_COLUMNS: readonly LfColumn[] = [
  { key: 'name', label: 'Name', numeric: false, title: 'The LF and its current version', value: (lf) => lf.name },
  { key: 'kind', label: 'Kind', numeric: false, title: 'Keywords, regex, threshold, word count or code', value: (lf) => KIND_NAMES[lf.current.kind] },
  { key: 'coverage', label: 'Coverage', numeric: true, title: 'Share of items it votes on', value: stat('coverage') },
  { key: 'overlaps', label: 'Overlaps', numeric: true, title: 'Share of items where it and another LF vote', value: stat('overlaps') },
  { key: 'conflicts', label: 'Conflicts', numeric: true, title: 'Share of items where another LF votes a different label', value: stat('conflicts') },
  { key: 'correct', label: 'Correct', numeric: true, title: 'Votes that match the gold label', value: stat('correct') },
  { key: 'incorrect', label: 'Incorrect', numeric: true, title: 'Votes that differ from the gold label', value: stat('incorrect') },
  { key: 'empiricalAccuracy', label: 'Emp. acc.', numeric: true, title: 'Empirical accuracy: correct / (correct + incorrect) on gold items', value: stat('empiricalAccuracy') },
  { key: 'learnedAccuracy', label: 'Learned acc.', numeric: true, title: 'Accuracy the label model learned, without gold', value: stat('learnedAccuracy') },
];

export const DEFAULT_LF_SORT: SortState<LfColumnKey> = { key: 'name', direction: 'ascending' };

export function firstDirection(key: LfColumnKey): SortDirection {
  return LF_COLUMNS.find((c) => c.key === key)?.numeric ? 'descending' : 'ascending';
}

const byName = (a: Lf, b: Lf) => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' }) || a.id.localeCompare(b.id);

/** The LFs in the table's order; LFs without the figure (no stats yet, no gold) come last either way. */
export function sortLfs(lfs: readonly Lf[], sort: SortState<LfColumnKey>): Lf[] {
  const column = LF_COLUMNS.find((c) => c.key === sort.key) ?? LF_COLUMNS[0];
  return sortRows(lfs, column.value, sort.direction, byName);
}
