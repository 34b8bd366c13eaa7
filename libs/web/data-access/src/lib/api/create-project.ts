import { projectSchema, type CreateProjectRequest, type Project } from '@arbiter/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';

/** `POST /api/projects` → 201 `Project`. */
export function createProject(body: CreateProjectRequest): Promise<Project> {
  return apiRequest('/api/projects', { method: 'POST', json: body }, projectSchema);
}

export function useCreateProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createProject,
    onSuccess: (project) => {
      qc.setQueryData(queryKeys.project(project.id), project);
      void qc.invalidateQueries({ queryKey: queryKeys.projects, exact: true });
    },
  });
}
