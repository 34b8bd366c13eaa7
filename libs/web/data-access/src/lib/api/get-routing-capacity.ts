import { routingCapacitySchema, type RoutingCapacity } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

/** `GET /api/projects/:projectId/routing/capacity` (reviewer+): the review price now, its readings, and the forgone cost per hour. */
export function getRoutingCapacity(projectId: string, signal?: AbortSignal): Promise<RoutingCapacity> {
  return apiRequest(projectPath(projectId, '/routing/capacity'), { signal }, routingCapacitySchema);
}

export const routingCapacityQueryOptions = (projectId: string) =>
  queryOptions({ queryKey: queryKeys.routingCapacity(projectId), queryFn: ({ signal }) => getRoutingCapacity(projectId, signal) });

/** Read again every `refreshMs` (the price moves with the queue and the last hour's arrivals). */
export function useRoutingCapacity(projectId: string, refreshMs = 30_000) {
  return useQuery({ ...routingCapacityQueryOptions(projectId), refetchInterval: refreshMs });
}
