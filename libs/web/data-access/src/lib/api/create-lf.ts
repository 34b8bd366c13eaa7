import { lfSchema, type CreateLfRequest, type Lf } from '@arbiter/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

/** `POST /api/projects/:projectId/lfs` (engineer+) → 201 `Lf`, version 1; a run to apply it starts by itself. */
export function createLf(projectId: string, body: CreateLfRequest): Promise<Lf> {
  return apiRequest(projectPath(projectId, '/lfs'), { method: 'POST', json: body }, lfSchema);
}

export function useCreateLf(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateLfRequest) => createLf(projectId, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.lfs(projectId) }),
  });
}
