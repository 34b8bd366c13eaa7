// The reviewer's held production reviews: claimed with leases (renewed every half lease, and again whenever the
// socket says predictions opened reviews), one on screen with previous/next among the held ones. A verdict takes
// its review off the screen at once; the server call and a claim to top up follow one after another, so a claim
// never races a verdict. 409s (decided elsewhere, or another reviewer's lease) are said and moved past.
import type { ClaimProductionReviewsResponse, ProductionReview, ProductionVerdictRequest } from '@arbiter/contracts';
import { errorView, isApiError, isRetryable, useClaimProductionReviews, useDecideProductionReview } from '@arbiter/web/data-access';
import { useCallback, useEffect, useRef, useState } from 'react';
import { asSentence } from '@arbiter/web/ui';

/** How many reviews a reviewer holds at once: enough to move back and forth, few enough to leave work for others. */
export const HELD_REVIEWS = 10;

export interface ReviewFilters {
  modelVersion?: string;
  label?: number;
}

export interface ReviewNotice {
  kind: 'info' | 'error';
  text: string;
}

export interface ProductionReviewQueue {
  reviews: ProductionReview[];
  /** Position of the review on screen among the held ones. */
  index: number;
  current: ProductionReview | null;
  open: ClaimProductionReviewsResponse['open'] | null;
  loaded: boolean;
  busy: boolean;
  loadError: string | null;
  notice: ReviewNotice | null;
  filters: ReviewFilters;
  setFilters: (f: ReviewFilters) => void;
  /** Names the review it acts on: a key pressed before the screen caught up must not hit the next one. */
  decide: (reviewId: string, verdict: ProductionVerdictRequest) => void;
  move: (step: 1 | -1) => void;
  reload: () => void;
}

export function useProductionReviewQueue(projectId: string, opts: { leaseSeconds: number; reviewsOpened: number; live: boolean }): ProductionReviewQueue {
  const claim = useClaimProductionReviews(projectId).mutateAsync;
  const decideReview = useDecideProductionReview(projectId).mutateAsync;
  const [reviews, setReviews] = useState<ProductionReview[]>([]);
  const [index, setIndex] = useState(0);
  const [open, setOpen] = useState<ProductionReviewQueue['open']>(null);
  const [filters, setFiltersState] = useState<ReviewFilters>({});
  const [running, setRunning] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<ReviewNotice | null>(null);

  // The state as of now (React state lags a render behind).
  const reviewsRef = useRef<ProductionReview[]>([]);
  const indexRef = useRef(0);
  const filtersRef = useRef<ReviewFilters>({});
  const chain = useRef(Promise.resolve());
  /** Decided here, not yet confirmed: a claim must not bring them back. */
  const inFlight = useRef(new Set<string>());

  const show = useCallback((list: ProductionReview[], at: number) => {
    reviewsRef.current = list;
    indexRef.current = Math.max(0, Math.min(at, list.length - 1));
    setReviews(list);
    setIndex(indexRef.current);
  }, []);

  const enqueue = useCallback((op: () => Promise<void>) => {
    setRunning((n) => n + 1);
    chain.current = chain.current
      .then(op)
      .catch((err: unknown) => setNotice({ kind: 'error', text: errorView(err).message }))
      .finally(() => setRunning((n) => n - 1));
  }, []);

  const refill = useCallback(async () => {
    try {
      const res = await claim({ count: HELD_REVIEWS, ...filtersRef.current });
      // The review on screen stays on screen; new ones join in the server's order (oldest first).
      const onScreen = reviewsRef.current[indexRef.current]?.reviewId;
      const held = res.reviews.filter((r) => !inFlight.current.has(r.reviewId));
      const at = held.findIndex((r) => r.reviewId === onScreen);
      if (onScreen && at < 0 && !inFlight.current.has(onScreen)) {
        setNotice((n) => n ?? { kind: 'info', text: 'Your lease on that review ran out and someone else took it; here is the next one.' });
      }
      show(held, at >= 0 ? at : indexRef.current);
      setOpen(res.open);
      setLoadError(null);
    } catch (err) {
      setLoadError(errorView(err).message);
    } finally {
      setLoaded(true);
    }
  }, [claim, show]);

  const reload = useCallback(() => enqueue(refill), [enqueue, refill]);

  const decide = useCallback(
    (reviewId: string, verdict: ProductionVerdictRequest) => {
      const at = reviewsRef.current.findIndex((r) => r.reviewId === reviewId);
      if (at < 0) return;
      const review = reviewsRef.current[at];
      inFlight.current.add(reviewId);
      show(
        reviewsRef.current.filter((r) => r.reviewId !== reviewId),
        at,
      );
      setNotice(null);
      enqueue(async () => {
        try {
          await decideReview({ reviewId, ...verdict });
        } catch (err) {
          if (isApiError(err, 409)) {
            setNotice({ kind: 'info', text: `${asSentence(err.message)} Moved on to the next review.` });
          } else if (isRetryable(err)) {
            // Back on screen: the same key retries the very same verdict.
            const list = [...reviewsRef.current];
            list.splice(Math.min(at, list.length), 0, review);
            show(list, at);
            setNotice({ kind: 'error', text: `Not saved: ${asSentence(errorView(err).message)} Press the key again to retry.` });
          } else {
            setNotice({ kind: 'error', text: `Not saved: ${asSentence(errorView(err).message)}` });
          }
        } finally {
          inFlight.current.delete(reviewId);
        }
      });
      enqueue(refill);
    },
    [decideReview, enqueue, refill, show],
  );

  const move = useCallback(
    (step: 1 | -1) => {
      setNotice(null);
      show(reviewsRef.current, indexRef.current + step);
    },
    [show],
  );

  const setFilters = useCallback(
    (f: ReviewFilters) => {
      filtersRef.current = f;
      setFiltersState(f);
      show([], 0);
      setLoaded(false);
      reload();
    },
    [reload, show],
  );

  // On first show, whenever the socket (re)joins (events may have been missed), and when reviews were opened.
  useEffect(() => {
    reload();
  }, [reload, opts.live, opts.reviewsOpened]);

  // Leases are renewed by claiming again, well before they run out.
  useEffect(() => {
    const timer = setInterval(reload, Math.max(2, opts.leaseSeconds / 2) * 1000);
    return () => clearInterval(timer);
  }, [opts.leaseSeconds, reload]);

  return {
    reviews,
    index,
    current: reviews[index] ?? null,
    open,
    loaded,
    busy: running > 0,
    loadError,
    notice,
    filters,
    setFilters,
    decide,
    move,
    reload,
  };
}
