import { projectSchema, type Project } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';

const projectListSchema = projectSchema.array();

/** `GET /api/projects`: the projects the user is a member of, each with `myRole`. */
export function getProjects(signal?: AbortSignal): Promise<Project[]> {
  return apiRequest('/api/projects', { signal }, projectListSchema);
}

export const projectsQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.projects, queryFn: ({ signal }) => getProjects(signal) });

export function useProjects() {
  return useQuery(projectsQueryOptions());
}
