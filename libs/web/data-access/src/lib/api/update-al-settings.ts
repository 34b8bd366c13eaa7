import { activeLearningSettingsViewSchema, type ActiveLearningSettingsView, type UpdateActiveLearningSettings } from '@arbiter/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

/** `PATCH /api/projects/:projectId/active-learning/settings` (engineer+): any subset, `retrain` as a whole. */
export function updateAlSettings(projectId: string, body: UpdateActiveLearningSettings): Promise<ActiveLearningSettingsView> {
  return apiRequest(projectPath(projectId, '/active-learning/settings'), { method: 'PATCH', json: body }, activeLearningSettingsViewSchema);
}

export function useUpdateAlSettings(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateActiveLearningSettings) => updateAlSettings(projectId, body),
    onSuccess: (settings) => qc.setQueryData(queryKeys.alSettings(projectId), settings),
  });
}
