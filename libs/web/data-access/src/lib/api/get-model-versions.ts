import { modelVersionListSchema, type ModelVersionList } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

/** `GET /api/projects/:projectId/routing/models` (reviewer+): model versions that posted predictions, latest seen first. */
export function getModelVersions(projectId: string, signal?: AbortSignal): Promise<ModelVersionList> {
  return apiRequest(projectPath(projectId, '/routing/models'), { signal }, modelVersionListSchema);
}

export const modelVersionsQueryOptions = (projectId: string) =>
  queryOptions({ queryKey: queryKeys.routingModels(projectId), queryFn: ({ signal }) => getModelVersions(projectId, signal) });

export function useModelVersions(projectId: string) {
  return useQuery(modelVersionsQueryOptions(projectId));
}
