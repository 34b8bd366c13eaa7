import { ERROR_CODE, nextTasksResponseSchema, type NextTasksResponse } from '@arbiter/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiRequest, isApiError } from '../api-client';
import { projectPath } from './project-path';

/**
 * `POST /api/projects/:projectId/tasks/next`: the annotator's held leases first (renewed), then new claims
 * until `count` are held. A mutation, not a query: every call claims and renews leases on the server.
 * 403 `ANNOTATOR_PAUSED` when the annotator's accuracy on gold checks paused them (see `pausedMessage`).
 */
export function nextTasks(projectId: string, count: number): Promise<NextTasksResponse> {
  return apiRequest(projectPath(projectId, '/tasks/next'), { method: 'POST', json: { count } }, nextTasksResponseSchema);
}

/** The server's explanation (accuracy, threshold, what to do) when the answer says the annotator is paused. */
export function pausedMessage(err: unknown): string | null {
  return isApiError(err, 403) && err.code === ERROR_CODE.Paused ? err.message : null;
}

export function useNextTasks(projectId: string) {
  return useMutation({ mutationFn: (count: number) => nextTasks(projectId, count) });
}
