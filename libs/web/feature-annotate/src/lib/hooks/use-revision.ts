// The reviewer's decided list: a cursor over it (the same keys as the open queue) and revisions by PUT. A
// revision waits for the server before it says so (it replaces gold already in use); the list is then refetched
// to show the new decision, who made it and when.
import type { LabelDef, ReviewItem } from '@arbiter/contracts';
import { errorView, isApiError, reviewItemsOf, useReviewQueue, useReviseReviewItem } from '@arbiter/web/data-access';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { cursorIndex, labelNames, START_CURSOR, stepCursor, type ReviewCursor } from '../review-queue';
import type { ReviewNotice } from './use-adjudication';

/** Load the next page when the cursor gets this close to the end of what is loaded. */
const PREFETCH_DISTANCE = 5;

export interface Revision {
  items: ReviewItem[];
  current: ReviewItem | null;
  /** 0-based position of `current` in the loaded list. */
  position: number;
  /** Decided items across all pages; null until loaded. */
  total: number | null;
  more: boolean;
  loadingMore: boolean;
  loading: boolean;
  loadError: string | null;
  notice: ReviewNotice | null;
  /** A revision is on its way to the server. */
  saving: boolean;
  revise: (itemId: string, labels: number[]) => void;
  move: (delta: number) => void;
  select: (itemId: string) => void;
  loadMore: () => void;
  reload: () => void;
}

export function useRevision(projectId: string, labels: readonly LabelDef[]): Revision {
  const queue = useReviewQueue(projectId, 'decided');
  const reviseItem = useReviseReviewItem(projectId);
  const [cursor, setCursor] = useState<ReviewCursor>(START_CURSOR);
  const [notice, setNotice] = useState<ReviewNotice | null>(null);

  const items = useMemo(() => reviewItemsOf(queue.data?.pages), [queue.data]);
  const ids = useMemo(() => items.map((i) => i.itemId), [items]);
  const index = cursorIndex(ids, cursor);
  const current = index >= 0 ? items[index] : null;

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = queue;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && index >= 0 && index >= ids.length - PREFETCH_DISTANCE) void fetchNextPage();
  }, [fetchNextPage, hasNextPage, ids.length, index, isFetchingNextPage]);

  const { mutateAsync } = reviseItem;
  const revise = useCallback(
    (itemId: string, next: number[]) => {
      setNotice(null);
      mutateAsync({ itemId, labels: next }).then(
        () => setNotice({ kind: 'info', text: `Revised: the gold is now ${labelNames(labels, next)}.` }),
        (err: unknown) =>
          setNotice(
            isApiError(err, 404)
              ? { kind: 'error', text: 'That item is no longer in the review queue.' }
              : { kind: 'error', text: `Not saved: ${errorView(err).message} Press Enter to retry.` },
          ),
      );
    },
    [labels, mutateAsync],
  );

  const move = useCallback(
    (delta: number) => {
      setNotice(null);
      setCursor((c) => stepCursor(ids, c, delta));
    },
    [ids],
  );

  const select = useCallback(
    (itemId: string) => {
      const i = ids.indexOf(itemId);
      if (i < 0) return;
      setNotice(null);
      setCursor({ id: itemId, index: i });
    },
    [ids],
  );

  const { refetch } = queue;
  const reload = useCallback(() => void refetch(), [refetch]);
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  return {
    items,
    current,
    position: index,
    total: queue.data?.pages[0]?.total ?? null,
    more: Boolean(hasNextPage),
    loadingMore: isFetchingNextPage,
    loading: queue.isPending,
    loadError: queue.isError ? errorView(queue.error).message : null,
    notice,
    saving: reviseItem.isPending,
    revise,
    move,
    select,
    loadMore,
    reload,
  };
}
