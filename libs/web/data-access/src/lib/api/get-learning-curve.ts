import { learningCurveSchema, type LearningCurve } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

/**
 * `GET /api/projects/:projectId/active-learning/curve`: accuracy and macro-F1 on the evaluation slice per model
 * version, against its training labels. Refetched by the socket when a round is done.
 */
export function getLearningCurve(projectId: string, signal?: AbortSignal): Promise<LearningCurve> {
  return apiRequest(projectPath(projectId, '/active-learning/curve'), { signal }, learningCurveSchema);
}

export const learningCurveQueryOptions = (projectId: string) =>
  queryOptions({ queryKey: queryKeys.alCurve(projectId), queryFn: ({ signal }) => getLearningCurve(projectId, signal) });

export function useLearningCurve(projectId: string) {
  return useQuery(learningCurveQueryOptions(projectId));
}
