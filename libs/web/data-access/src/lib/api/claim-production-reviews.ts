import { claimProductionReviewsResponseSchema, type ClaimProductionReviews, type ClaimProductionReviewsResponse } from '@arbiter/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { projectPath } from './project-path';

/**
 * `POST /api/projects/:projectId/production-reviews/claim` (reviewer+, signed in): the reviewer's held production
 * reviews (leases renewed; those outside the filters released), topped up to `count` with the oldest free ones.
 * A mutation, not a query: every call claims and renews leases on the server.
 */
export function claimProductionReviews(projectId: string, body: ClaimProductionReviews): Promise<ClaimProductionReviewsResponse> {
  return apiRequest(projectPath(projectId, '/production-reviews/claim'), { method: 'POST', json: body }, claimProductionReviewsResponseSchema);
}

export function useClaimProductionReviews(projectId: string) {
  return useMutation({ mutationFn: (body: ClaimProductionReviews) => claimProductionReviews(projectId, body) });
}
