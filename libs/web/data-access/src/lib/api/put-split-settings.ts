import type { PutSplitSettingsRequest, SplitSettings } from '@arbiter/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';
import { splitSettingsSchema } from './snapshot-schemas';

/** `PUT /api/projects/:projectId/split-settings` (owner): ratios apply from now on; the seed and group key answer 409 once items have splits. */
export function putSplitSettings(projectId: string, body: PutSplitSettingsRequest): Promise<SplitSettings> {
  return apiRequest(projectPath(projectId, '/split-settings'), { method: 'PUT', json: body }, splitSettingsSchema);
}

export function usePutSplitSettings(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PutSplitSettingsRequest) => putSplitSettings(projectId, body),
    onSuccess: (settings) => qc.setQueryData(queryKeys.splitSettings(projectId), settings),
  });
}
