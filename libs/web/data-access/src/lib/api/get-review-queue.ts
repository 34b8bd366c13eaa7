import { reviewPageSchema, type ListReviewQuery, type ReviewItem, type ReviewPage } from '@arbiter/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

export type ReviewStatus = ListReviewQuery['status'];

const PAGE_SIZE = 100;

/** `GET /api/projects/:projectId/review?status=&after=&limit=` (reviewer+): oldest item first, keyset-paginated. */
export function getReviewPage(
  projectId: string,
  query: { status: ReviewStatus; after?: string; limit?: number },
  signal?: AbortSignal,
): Promise<ReviewPage> {
  return apiRequest(
    projectPath(projectId, '/review'),
    { signal, query: { status: query.status, after: query.after, limit: String(query.limit ?? PAGE_SIZE) } },
    reviewPageSchema,
  );
}

export const reviewQueueQueryOptions = (projectId: string, status: ReviewStatus) =>
  infiniteQueryOptions({
    queryKey: queryKeys.reviewQueue(projectId, status),
    queryFn: ({ signal, pageParam }) => getReviewPage(projectId, { status, after: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
  });

/** The pages loaded so far, flattened; a refetch can shift page boundaries, so items are deduplicated by id. */
export function reviewItemsOf(pages: readonly ReviewPage[] | undefined): ReviewItem[] {
  const byId = new Map<string, ReviewItem>();
  for (const page of pages ?? []) for (const item of page.items) if (!byId.has(item.itemId)) byId.set(item.itemId, item);
  return [...byId.values()];
}

export function useReviewQueue(projectId: string, status: ReviewStatus, options: { enabled?: boolean } = {}) {
  return useInfiniteQuery({ ...reviewQueueQueryOptions(projectId, status), enabled: options.enabled ?? true });
}
