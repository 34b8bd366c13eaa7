import type { AlRound } from '@arbiter/contracts';
import { formatCount, TRIGGER_NAMES, usedStrategyText } from '../al-format';

export interface RoundsTableProps {
  /** Newest first. */
  rounds: AlRound[];
}

const STATUS_CLASS: Record<AlRound['status'], string> = {
  queued: 'al-status--running',
  training: 'al-status--running',
  scoring: 'al-status--running',
  selecting: 'al-status--running',
  done: 'al-status--ok',
  failed: 'al-status--error',
};

/** Recent rounds: when, why, which strategy chose, how far each got. */
export function RoundsTable({ rounds }: RoundsTableProps) {
  if (rounds.length === 0) return <p className="empty">No rounds yet.</p>;
  return (
    <div className="table-scroll">
      <table className="table al-rounds" data-testid="al-rounds">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Trigger</th>
            <th scope="col">Strategy</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Model
            </th>
            <th scope="col" className="num">
              Pool
            </th>
            <th scope="col" className="num">
              Selected
            </th>
          </tr>
        </thead>
        <tbody>
          {rounds.map((r) => (
            <tr key={r.id} data-testid="al-round-row" data-status={r.status}>
              <td>{new Date(r.createdAt).toLocaleString()}</td>
              <td>{TRIGGER_NAMES[r.trigger]}</td>
              <td>{usedStrategyText(r)}</td>
              <td>
                <span className={`al-status ${STATUS_CLASS[r.status]}`} title={r.error ?? undefined}>
                  {r.status}
                </span>
              </td>
              <td className="num">{r.modelVersion === null ? '—' : `v${r.modelVersion}`}</td>
              <td className="num">{formatCount(r.poolSize)}</td>
              <td className="num">{formatCount(r.selected)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
