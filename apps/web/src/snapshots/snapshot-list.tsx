import type { SnapshotEvent, SnapshotView } from '@arbiter/contracts';
import { ProgressBar } from '@arbiter/web/ui';
import { CopyHash } from './copy-hash';
import { buildProgress, statusText } from './snapshot-words';

export interface SnapshotListProps {
  snapshots: SnapshotView[];
  /** The socket's latest progress per building version. */
  builds: Record<number, SnapshotEvent>;
  selected: number | null;
  onSelect: (version: number) => void;
  /** Engineers and owners retry a failed build; null for readers. */
  onRetry: ((version: number) => void) | null;
  retrying: number | null;
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' }) : '—');

/** Every version, newest first: status (a live bar while building), trigger, rows, times and the content hash. */
export function SnapshotList({ snapshots, builds, selected, onSelect, onRetry, retrying }: SnapshotListProps) {
  return (
    <div className="table-scroll">
      <table className="table snapshot-list" data-testid="snapshot-list">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Status</th>
            <th scope="col">Trigger</th>
            <th scope="col" className="num">
              Rows
            </th>
            <th scope="col">Created</th>
            <th scope="col">Completed</th>
            <th scope="col">Content hash</th>
          </tr>
        </thead>
        <tbody>
          {snapshots.map((s) => (
            <tr
              key={s.version}
              className={s.version === selected ? 'is-selected' : undefined}
              aria-current={s.version === selected ? 'true' : undefined}
              onClick={() => onSelect(s.version)}
              data-testid={`snapshot-row-${s.version}`}
            >
              <td>
                <button type="button" className="btn btn--ghost btn--small" onClick={() => onSelect(s.version)} data-testid="snapshot-version">
                  v{s.version}
                </button>
                {s.note && <span className="muted"> {s.note}</span>}
              </td>
              <td data-testid="snapshot-status">
                {s.status === 'building' ? <BuildingStatus build={builds[s.version]} /> : statusText(s)}
                {s.status === 'failed' && onRetry && (
                  <>
                    {' '}
                    <button
                      type="button"
                      className="btn btn--small"
                      disabled={retrying === s.version}
                      onClick={(e) => {
                        e.stopPropagation();
                        onRetry(s.version);
                      }}
                      data-testid="snapshot-retry"
                    >
                      {retrying === s.version ? 'Retrying…' : 'Retry'}
                    </button>
                  </>
                )}
              </td>
              <td>{s.trigger}</td>
              <td className="num" data-testid="snapshot-rows">
                {s.rowCount === null ? '—' : s.rowCount.toLocaleString('en')}
              </td>
              <td>{when(s.createdAt)}</td>
              <td>{when(s.completedAt)}</td>
              <td>{s.contentHash ? <CopyHash hash={s.contentHash} testId="snapshot-hash" /> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BuildingStatus({ build }: { build: SnapshotEvent | undefined }) {
  const p = buildProgress(build);
  return <ProgressBar value={p.done} max={p.total} label={p.text} testId="snapshot-progress" />;
}
