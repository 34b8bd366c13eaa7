import { memberSchema, type Member } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

const memberListSchema = memberSchema.array();

/** `GET /api/projects/:projectId/members`. */
export function getMembers(projectId: string, signal?: AbortSignal): Promise<Member[]> {
  return apiRequest(projectPath(projectId, '/members'), { signal }, memberListSchema);
}

export const membersQueryOptions = (projectId: string) =>
  queryOptions({ queryKey: queryKeys.members(projectId), queryFn: ({ signal }) => getMembers(projectId, signal) });

export function useMembers(projectId: string) {
  return useQuery(membersQueryOptions(projectId));
}
