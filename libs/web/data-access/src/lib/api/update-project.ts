import { projectSchema, type Project, type UpdateProjectRequest } from '@arbiter/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

/** `PATCH /api/projects/:projectId` (owner) → the updated `Project`. */
export function updateProject(projectId: string, body: UpdateProjectRequest): Promise<Project> {
  return apiRequest(projectPath(projectId), { method: 'PATCH', json: body }, projectSchema);
}

export function useUpdateProject(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateProjectRequest) => updateProject(projectId, body),
    onSuccess: (project) => {
      qc.setQueryData(queryKeys.project(projectId), project);
      void qc.invalidateQueries({ queryKey: queryKeys.projects, exact: true });
    },
  });
}
