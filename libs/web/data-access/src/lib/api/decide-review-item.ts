import type { ReviewDecisionRequest } from '@arbiter/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

export interface ReviewDecisionInput extends ReviewDecisionRequest {
  itemId: string;
}

/** `POST /api/projects/:projectId/review/:itemId/decision` (reviewer+) → 204; 409 when it was already decided. */
export function decideReviewItem(projectId: string, itemId: string, body: ReviewDecisionRequest): Promise<void> {
  return apiRequest(projectPath(projectId, `/review/${encodeURIComponent(itemId)}/decision`), { method: 'POST', json: body });
}

export function useDecideReviewItem(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, labels }: ReviewDecisionInput) => decideReviewItem(projectId, itemId, { labels }),
    // The open queue is pruned on screen at once; the decided list is refetched to show the decision.
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.reviewQueue(projectId, 'decided') }),
  });
}
