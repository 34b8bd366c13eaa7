import { undoResponseSchema, type UndoResponse } from '@arbiter/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

/** `POST /api/projects/:projectId/annotations/undo`: the undone item comes back as a held task; 404 if none. */
export function undoAnnotation(projectId: string): Promise<UndoResponse> {
  return apiRequest(projectPath(projectId, '/annotations/undo'), { method: 'POST' }, undoResponseSchema);
}

export function useUndoAnnotation(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => undoAnnotation(projectId),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.stats(projectId) }),
  });
}
