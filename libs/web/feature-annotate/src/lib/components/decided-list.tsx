import type { LabelDef, ReviewItem } from '@arbiter/contracts';
import { useEffect, useRef } from 'react';
import { formatDecidedAt, labelNames } from '../review-queue';

export interface DecidedListProps {
  items: ReviewItem[];
  labels: LabelDef[];
  /** The item the keys act on (its row is highlighted and kept in view). */
  selectedId: string | null;
  onSelect: (itemId: string) => void;
  more: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}

const REASONS = { disagreement: 'disagreement', low_confidence: 'low confidence' } as const;

/** Items already adjudicated, oldest first: what annotators said, what was decided, by whom and when. */
export function DecidedList({ items, labels, selectedId, onSelect, more, loadingMore, onLoadMore }: DecidedListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    scroller.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  return (
    <div className="table-scroll decided-scroll" ref={scroller}>
      <table className="table decided-table" data-testid="decided-list">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Reason</th>
            <th scope="col">Annotators</th>
            <th scope="col">Decision</th>
            <th scope="col">Decided by</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr
              key={item.itemId}
              className={item.itemId === selectedId ? 'decided-row is-selected' : 'decided-row'}
              aria-selected={item.itemId === selectedId}
              onClick={() => onSelect(item.itemId)}
              data-testid={`decided-row-${item.itemId}`}
              data-external-id={item.externalId ?? undefined}
            >
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
              <td data-testid="decided-by">
                {item.decidedBy?.name ?? <span className="muted">unknown</span>}
                {item.decidedAt && (
                  <time className="decided-table__at" dateTime={item.decidedAt} title={item.decidedAt}>
                    {formatDecidedAt(item.decidedAt)}
                  </time>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {more && (
        <button type="button" className="btn" onClick={onLoadMore} disabled={loadingMore}>
          {loadingMore ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
