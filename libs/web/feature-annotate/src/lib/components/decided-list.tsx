import type { LabelDef } from '@arbiter/contracts';
import { errorView, reviewItemsOf, useReviewQueue } from '@arbiter/web/data-access';
import { ErrorMessage } from '@arbiter/web/ui';
import { labelNames } from '../review-queue';

export interface DecidedListProps {
  projectId: string;
  labels: LabelDef[];
}

const REASONS = { disagreement: 'disagreement', low_confidence: 'low confidence' } as const;

/** Items already adjudicated, oldest first, with what annotators said and what the reviewer decided. */
export function DecidedList({ projectId, labels }: DecidedListProps) {
  const decided = useReviewQueue(projectId, 'decided');
  const items = reviewItemsOf(decided.data?.pages);
  if (decided.isPending) return <p className="muted">Loading decided items…</p>;
  if (decided.isError) return <ErrorMessage {...errorView(decided.error)} />;
  if (items.length === 0)
    return (
      <p className="empty" data-testid="nothing-decided">
        Nothing decided yet.
      </p>
    );
  return (
    <div className="table-scroll">
      <table className="table decided-table" data-testid="decided-list">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Reason</th>
            <th scope="col">Annotators</th>
            <th scope="col">Decision</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.itemId} data-testid={`decided-row-${item.itemId}`}>
              <td className="decided-table__text">
                {item.externalId && <span className="muted">#{item.externalId} </span>}
                {item.text}
              </td>
              <td>{REASONS[item.reason]}</td>
              <td>
                {item.annotations.map((a, i) => (
                  <div key={`${a.userId}-${i}`}>
                    <span className="muted">{a.name}:</span> {labelNames(labels, a.labels)}
                  </div>
                ))}
              </td>
              <td data-testid="decided-decision">
                <strong>{labelNames(labels, item.decision ?? item.gold ?? [])}</strong>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {decided.hasNextPage && (
        <button type="button" className="btn" onClick={() => void decided.fetchNextPage()} disabled={decided.isFetchingNextPage}>
          {decided.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
