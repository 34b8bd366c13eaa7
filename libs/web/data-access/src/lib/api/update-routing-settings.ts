import { routingSettingsSchema, type RoutingSettings, type UpdateRoutingSettings } from '@arbiter/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

/** `PATCH /api/projects/:projectId/routing/settings` (engineer+): the fields sent change; a bad one is a 400 naming it. */
export function updateRoutingSettings(projectId: string, body: UpdateRoutingSettings): Promise<RoutingSettings> {
  return apiRequest(projectPath(projectId, '/routing/settings'), { method: 'PATCH', json: body }, routingSettingsSchema);
}

export function useUpdateRoutingSettings(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateRoutingSettings) => updateRoutingSettings(projectId, body),
    onSuccess: (settings) => {
      qc.setQueryData(queryKeys.routingSettings(projectId), settings);
      // The budget and the SLA set the price capacity pricing shows; shadow mode is part of the policy's view.
      void qc.invalidateQueries({ queryKey: queryKeys.routingCapacity(projectId) });
      void qc.invalidateQueries({ queryKey: queryKeys.routingPolicy(projectId) });
    },
  });
}
