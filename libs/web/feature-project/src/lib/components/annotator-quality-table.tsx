import type { AnnotatorQuality } from '@arbiter/contracts';
import { AccuracyBar } from '@arbiter/web/ui';
import { checksText } from '../gold-policy';

export interface AnnotatorQualityTableProps {
  annotators: AnnotatorQuality[];
  /** The project's minimum accuracy, drawn on each bar; null: nobody is paused. */
  minGoldAccuracy: number | null;
  /** The user being resumed right now. */
  resuming: string | null;
  onResume: (userId: string) => void;
}

/** Each member's labels given and running accuracy on gold checks; paused ones get a Resume button. */
export function AnnotatorQualityTable({ annotators, minGoldAccuracy, resuming, onResume }: AnnotatorQualityTableProps) {
  return (
    <div className="table-scroll">
      <table className="table annotator-quality" data-testid="annotator-quality">
        <thead>
          <tr>
            <th scope="col">Annotator</th>
            <th scope="col">Role</th>
            <th scope="col" className="num">
              Labels given
            </th>
            <th scope="col" className="num">
              Checks right
            </th>
            <th scope="col">Accuracy on checks</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {annotators.map((a) => (
            <tr key={a.userId} className={a.paused ? 'is-paused' : undefined} data-testid={`annotator-quality-row-${a.name}`}>
              <th scope="row">
                {a.name}
                <span className="annotator-quality__email muted">{a.email}</span>
              </th>
              <td>
                <span className="badge">{a.role}</span>
              </td>
              <td className="num" data-testid="labels-given">
                {a.annotations}
              </td>
              <td className="num" data-testid="checks">
                {a.checks.answered === 0 ? <span className="muted">—</span> : `${a.checks.correct} / ${a.checks.answered}`}
              </td>
              <td>
                <AccuracyBar value={a.checks.accuracy} threshold={minGoldAccuracy} title={`Gold checks: ${checksText(a.checks)}`} testId="check-accuracy" />
              </td>
              <td data-testid="annotator-status">
                {a.paused ? (
                  <span className="annotator-quality__paused">
                    <span className="badge badge--danger" data-testid="paused-badge">
                      Paused
                    </span>
                    <button
                      type="button"
                      className="btn btn--small"
                      onClick={() => onResume(a.userId)}
                      disabled={resuming !== null}
                      data-testid="resume"
                    >
                      {resuming === a.userId ? 'Resuming…' : 'Resume'}
                    </button>
                  </span>
                ) : (
                  <span className="muted">active</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
