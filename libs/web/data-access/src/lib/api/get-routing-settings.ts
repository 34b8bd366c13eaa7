import { routingSettingsSchema, type RoutingSettings } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

/** `GET /api/projects/:projectId/routing/settings` (reviewer+): shadow mode, budget, SLA, escalation, automatic application. */
export function getRoutingSettings(projectId: string, signal?: AbortSignal): Promise<RoutingSettings> {
  return apiRequest(projectPath(projectId, '/routing/settings'), { signal }, routingSettingsSchema);
}

export const routingSettingsQueryOptions = (projectId: string) =>
  queryOptions({ queryKey: queryKeys.routingSettings(projectId), queryFn: ({ signal }) => getRoutingSettings(projectId, signal) });

export function useRoutingSettings(projectId: string) {
  return useQuery(routingSettingsQueryOptions(projectId));
}
