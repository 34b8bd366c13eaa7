import { projectStatsSchema, type ProjectStats } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

/** `GET /api/projects/:projectId/stats`; kept current by the socket's `project:stats` events. */
export function getStats(projectId: string, signal?: AbortSignal): Promise<ProjectStats> {
  return apiRequest(projectPath(projectId, '/stats'), { signal }, projectStatsSchema);
}

export const statsQueryOptions = (projectId: string) =>
  queryOptions({ queryKey: queryKeys.stats(projectId), queryFn: ({ signal }) => getStats(projectId, signal) });

export function useProjectStats(projectId: string) {
  return useQuery(statsQueryOptions(projectId));
}
