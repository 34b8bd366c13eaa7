// The reviewer's open queue: the server's pages with decided items pruned at once, a cursor that survives the
// queue changing under it (a live refetch after each new agreement report), and decisions that never wait:
// the screen moves on and the call runs behind it; a failed call brings the item back with its selection.
import type { ReviewItem } from '@arbiter/contracts';
import { errorView, isApiError, reviewItemsOf, useDecideReviewItem, useReviewQueue } from '@arbiter/web/data-access';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { cursorAfterDecision, cursorIndex, openTotal, START_CURSOR, stepCursor, type ReviewCursor } from '../review-queue';

/** Load the next page when the cursor gets this close to the end of what is loaded. */
const PREFETCH_DISTANCE = 5;

export interface ReviewNotice {
  kind: 'info' | 'error';
  text: string;
}

export interface Adjudication {
  current: ReviewItem | null;
  /** 0-based position of `current` in the loaded queue. */
  position: number;
  /** Open items across all pages (the server's total less what was decided here); null until loaded. */
  total: number | null;
  loading: boolean;
  loadError: string | null;
  notice: ReviewNotice | null;
  decide: (itemId: string, labels: number[]) => void;
  move: (delta: number) => void;
  reload: () => void;
}

export function useAdjudication(projectId: string): Adjudication {
  const queue = useReviewQueue(projectId, 'open');
  const decideItem = useDecideReviewItem(projectId).mutateAsync;
  /** Decided here (in flight or done), or found decided elsewhere: never shown again. */
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [cursor, setCursor] = useState<ReviewCursor>(START_CURSOR);
  const [notice, setNotice] = useState<ReviewNotice | null>(null);

  const loaded = useMemo(() => reviewItemsOf(queue.data?.pages), [queue.data]);
  const items = useMemo(() => loaded.filter((i) => !removed.has(i.itemId)), [loaded, removed]);
  const ids = useMemo(() => items.map((i) => i.itemId), [items]);
  const index = cursorIndex(ids, cursor);
  const current = index >= 0 ? items[index] : null;

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = queue;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && index >= ids.length - PREFETCH_DISTANCE) void fetchNextPage();
  }, [fetchNextPage, hasNextPage, ids.length, index, isFetchingNextPage]);

  const decide = useCallback(
    (itemId: string, labels: number[]) => {
      const at = ids.indexOf(itemId);
      if (at < 0) return;
      setCursor(cursorAfterDecision(ids, itemId));
      setRemoved((s) => new Set(s).add(itemId));
      setNotice(null);
      // mutateAsync, not mutate: each decision settles on its own even when the next one starts before it.
      decideItem({ itemId, labels }).catch((err: unknown) => {
        if (isApiError(err, 409) || isApiError(err, 404)) {
          setNotice({ kind: 'info', text: 'That item was already decided or left the queue; moved on.' });
          return;
        }
        setRemoved((s) => {
          const next = new Set(s);
          next.delete(itemId);
          return next;
        });
        setCursor({ id: itemId, index: at });
        setNotice({ kind: 'error', text: `Not saved: ${errorView(err).message} Press Enter to retry.` });
      });
    },
    [decideItem, ids],
  );

  const move = useCallback(
    (delta: number) => {
      setNotice(null);
      setCursor((c) => stepCursor(ids, c, delta));
    },
    [ids],
  );

  const { refetch } = queue;
  const reload = useCallback(() => void refetch(), [refetch]);

  const firstPage = queue.data?.pages[0];
  const total = firstPage ? openTotal(firstPage.total, loaded.map((i) => i.itemId), removed) : null;

  return {
    current,
    position: index,
    total,
    loading: queue.isPending,
    loadError: queue.isError ? errorView(queue.error).message : null,
    notice,
    decide,
    move,
    reload,
  };
}
