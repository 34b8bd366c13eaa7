import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { projectPath } from './project-path';

/** `POST /api/projects/:projectId/tasks/:itemId/skip` → 204: releases the lease without labeling. */
export function skipTask(projectId: string, itemId: string): Promise<void> {
  return apiRequest(projectPath(projectId, `/tasks/${encodeURIComponent(itemId)}/skip`), { method: 'POST' });
}

export function useSkipTask(projectId: string) {
  return useMutation({ mutationFn: (itemId: string) => skipTask(projectId, itemId) });
}
