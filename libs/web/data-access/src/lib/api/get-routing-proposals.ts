import { routingProposalListSchema, type RoutingProposalList } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

/** `GET /api/projects/:projectId/routing/proposals` (reviewer+): re-fits' proposals with their held-out evaluations, newest first. */
export function getRoutingProposals(projectId: string, signal?: AbortSignal): Promise<RoutingProposalList> {
  return apiRequest(projectPath(projectId, '/routing/proposals'), { signal }, routingProposalListSchema);
}

export const routingProposalsQueryOptions = (projectId: string) =>
  queryOptions({ queryKey: queryKeys.routingProposals(projectId), queryFn: ({ signal }) => getRoutingProposals(projectId, signal) });

export function useRoutingProposals(projectId: string) {
  return useQuery(routingProposalsQueryOptions(projectId));
}
