import { predictionDecisionSchema, type PredictionDecision, type ProductionVerdictRequest } from '@arbiter/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { projectPath } from './project-path';

export interface ProductionVerdictInput extends ProductionVerdictRequest {
  reviewId: string;
}

/**
 * `POST /api/projects/:projectId/production-reviews/:reviewId/verdict` (reviewer+): accept, correct (with `label`)
 * or reject. 409 when it already has a verdict, or another reviewer holds it under a live lease.
 */
export function decideProductionReview(projectId: string, reviewId: string, body: ProductionVerdictRequest): Promise<PredictionDecision> {
  return apiRequest(projectPath(projectId, `/production-reviews/${encodeURIComponent(reviewId)}/verdict`), { method: 'POST', json: body }, predictionDecisionSchema);
}

export function useDecideProductionReview(projectId: string) {
  return useMutation({ mutationFn: ({ reviewId, ...body }: ProductionVerdictInput) => decideProductionReview(projectId, reviewId, body) });
}
