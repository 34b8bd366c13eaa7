import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

/** `POST /api/projects/:projectId/annotators/:userId/resume` (owner) → 204; accuracy then counts new checks only. */
export function resumeAnnotator(projectId: string, userId: string): Promise<void> {
  return apiRequest(projectPath(projectId, `/annotators/${encodeURIComponent(userId)}/resume`), { method: 'POST' });
}

export function useResumeAnnotator(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => resumeAnnotator(projectId, userId),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.annotators(projectId) }),
  });
}
