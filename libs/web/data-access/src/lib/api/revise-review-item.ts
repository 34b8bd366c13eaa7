import type { ReviewDecisionRequest } from '@arbiter/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import type { ReviewDecisionInput } from './decide-review-item';
import { projectPath } from './project-path';

/** `PUT /api/projects/:projectId/review/:itemId/decision` (reviewer+) → 204; 409 when it was not decided yet. */
export function reviseReviewItem(projectId: string, itemId: string, body: ReviewDecisionRequest): Promise<void> {
  return apiRequest(projectPath(projectId, `/review/${encodeURIComponent(itemId)}/decision`), { method: 'PUT', json: body });
}

export function useReviseReviewItem(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, labels }: ReviewDecisionInput) => reviseReviewItem(projectId, itemId, { labels }),
    // The decided list shows the new decision, who made it and when.
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.reviewQueue(projectId, 'decided') }),
  });
}
