import type { LabelDef, Lf } from '@arbiter/contracts';
import { definitionSummary, formatCount, formatFraction, KIND_NAMES, lfStatus, polarityText, versionText } from '../lf-format';

export interface LfTableRowProps {
  lf: Lf;
  labels: LabelDef[];
  canEdit: boolean;
  /** This LF is the one in the editor. */
  editing: boolean;
  /** Its enabled flag is being saved. */
  toggling: boolean;
  onEdit: (lf: Lf) => void;
  onToggle: (lf: Lf, enabled: boolean) => void;
}

export function LfTableRow({ lf, labels, canEdit, editing, toggling, onEdit, onToggle }: LfTableRowProps) {
  const s = lf.stats;
  const status = lfStatus(lf);
  const classes = [editing ? 'is-editing' : '', lf.enabled ? '' : 'is-disabled'].filter(Boolean).join(' ') || undefined;
  return (
    <tr className={classes} data-testid={`lf-row-${lf.name}`} data-lf-id={lf.id}>
      <th scope="row" className="lf-table__name" title={lf.description || undefined}>
        <span data-testid="lf-row-name">{lf.name}</span>{' '}
        <span className="badge" data-testid="lf-version">
          {versionText(lf.current.version)}
        </span>
        <code className="lf-table__summary">{definitionSummary(lf.current.definition, labels)}</code>
      </th>
      <td>{KIND_NAMES[lf.current.kind]}</td>
      <td data-testid="lf-polarity">{s ? polarityText(s.polarity, labels) : '—'}</td>
      <td className="num" data-testid="lf-coverage">
        {formatFraction(s?.coverage ?? null)}
      </td>
      <td className="num" data-testid="lf-overlaps">
        {formatFraction(s?.overlaps ?? null)}
      </td>
      <td className="num" data-testid="lf-conflicts">
        {formatFraction(s?.conflicts ?? null)}
      </td>
      <td className="num" data-testid="lf-correct">
        {formatCount(s?.correct ?? null)}
      </td>
      <td className="num" data-testid="lf-incorrect">
        {formatCount(s?.incorrect ?? null)}
      </td>
      <td className="num" data-testid="lf-empirical-accuracy">
        {formatFraction(s?.empiricalAccuracy ?? null)}
      </td>
      <td className="num" data-testid="lf-learned-accuracy">
        {formatFraction(s?.learnedAccuracy ?? null)}
      </td>
      <td className="lf-table__enabled">
        <input
          type="checkbox"
          checked={lf.enabled}
          disabled={!canEdit || toggling}
          onChange={(e) => onToggle(lf, e.target.checked)}
          aria-label={`${lf.name} enabled`}
          data-testid="lf-enabled"
        />
      </td>
      <td>
        <span className={`lf-status lf-status--${status.kind}`} title={status.title} data-testid="lf-status">
          {status.text}
        </span>
      </td>
      {canEdit && (
        <td>
          <button type="button" className="btn btn--small" onClick={() => onEdit(lf)} disabled={editing} data-testid="lf-edit">
            Edit
          </button>
        </td>
      )}
    </tr>
  );
}
