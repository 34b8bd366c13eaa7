import { projectSchema, type Project } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

/** `GET /api/projects/:projectId`. */
export function getProject(projectId: string, signal?: AbortSignal): Promise<Project> {
  return apiRequest(projectPath(projectId), { signal }, projectSchema);
}

export const projectQueryOptions = (projectId: string) =>
  queryOptions({ queryKey: queryKeys.project(projectId), queryFn: ({ signal }) => getProject(projectId, signal) });

export function useProject(projectId: string) {
  return useQuery(projectQueryOptions(projectId));
}
