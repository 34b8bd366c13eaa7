import { routingPolicyViewSchema, type RoutingPolicyView } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

/** `GET /api/projects/:projectId/routing/policy` (reviewer+): the active routing policy and its version (null: the default). */
export function getRoutingPolicy(projectId: string, signal?: AbortSignal): Promise<RoutingPolicyView> {
  return apiRequest(projectPath(projectId, '/routing/policy'), { signal }, routingPolicyViewSchema);
}

export const routingPolicyQueryOptions = (projectId: string) =>
  queryOptions({ queryKey: queryKeys.routingPolicy(projectId), queryFn: ({ signal }) => getRoutingPolicy(projectId, signal) });

export function useRoutingPolicy(projectId: string) {
  return useQuery(routingPolicyQueryOptions(projectId));
}
