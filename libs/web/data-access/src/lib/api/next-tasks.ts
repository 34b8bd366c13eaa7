import { nextTasksResponseSchema, type NextTasksResponse } from '@arbiter/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { projectPath } from './project-path';

/**
 * `POST /api/projects/:projectId/tasks/next`: the annotator's held leases first (renewed), then new claims
 * until `count` are held. A mutation, not a query: every call claims and renews leases on the server.
 */
export function nextTasks(projectId: string, count: number): Promise<NextTasksResponse> {
  return apiRequest(projectPath(projectId, '/tasks/next'), { method: 'POST', json: { count } }, nextTasksResponseSchema);
}

export function useNextTasks(projectId: string) {
  return useMutation({ mutationFn: (count: number) => nextTasks(projectId, count) });
}
