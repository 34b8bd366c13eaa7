import { activeLearningSettingsViewSchema, type ActiveLearningSettingsView } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

/** `GET /api/projects/:projectId/active-learning/settings`: the strategy, the model kind and the retraining policy. */
export function getAlSettings(projectId: string, signal?: AbortSignal): Promise<ActiveLearningSettingsView> {
  return apiRequest(projectPath(projectId, '/active-learning/settings'), { signal }, activeLearningSettingsViewSchema);
}

export const alSettingsQueryOptions = (projectId: string) =>
  queryOptions({ queryKey: queryKeys.alSettings(projectId), queryFn: ({ signal }) => getAlSettings(projectId, signal) });

export function useAlSettings(projectId: string) {
  return useQuery(alSettingsQueryOptions(projectId));
}
