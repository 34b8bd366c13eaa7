import type { LabelDef, Lf } from '@arbiter/contracts';
import { SortHeader, type SortState } from '@arbiter/web/ui';
import { LF_COLUMNS, sortLfs, type LfColumnKey } from '../lf-columns';
import { LfTableRow } from './lf-table-row';

export interface LfTableProps {
  lfs: Lf[];
  labels: LabelDef[];
  sort: SortState<LfColumnKey>;
  onSort: (key: LfColumnKey) => void;
  canEdit: boolean;
  editingId: string | null;
  /** LFs whose enabled flag is being saved. */
  toggling: readonly string[];
  onEdit: (lf: Lf) => void;
  onToggle: (lf: Lf, enabled: boolean) => void;
}

/** Snorkel's LF analysis, one row per LF, sortable by any figure; figures are from the latest label-model fit. */
export function LfTable({ lfs, labels, sort, onSort, canEdit, editingId, toggling, onEdit, onToggle }: LfTableProps) {
  const header = (key: LfColumnKey) => {
    const c = LF_COLUMNS.find((col) => col.key === key) ?? LF_COLUMNS[0];
    return <SortHeader key={c.key} label={c.label} sortKey={c.key} sort={sort} onSort={onSort} numeric={c.numeric} title={c.title} />;
  };
  return (
    <div className="table-scroll">
      <table className="table lf-table" data-testid="lf-table">
        <thead>
          <tr>
            {header('name')}
            {header('kind')}
            <th scope="col" title="The labels it has voted">
              Polarity
            </th>
            {LF_COLUMNS.filter((c) => c.numeric).map((c) => header(c.key))}
            <th scope="col">Enabled</th>
            <th scope="col">Status</th>
            {canEdit && (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {sortLfs(lfs, sort).map((lf) => (
            <LfTableRow
              key={lf.id}
              lf={lf}
              labels={labels}
              canEdit={canEdit}
              editing={lf.id === editingId}
              toggling={toggling.includes(lf.id)}
              onEdit={onEdit}
              onToggle={onToggle}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
