import { lfSchema, type Lf, type LfListResponse, type UpdateLfRequest } from '@arbiter/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

export interface UpdateLfInput {
  lfId: string;
  body: UpdateLfRequest;
}

/** `PATCH /api/projects/:projectId/lfs/:lfId` (engineer+) → `Lf`; a new `definition` makes a new version. */
export function updateLf(projectId: string, lfId: string, body: UpdateLfRequest): Promise<Lf> {
  return apiRequest(projectPath(projectId, `/lfs/${encodeURIComponent(lfId)}`), { method: 'PATCH', json: body }, lfSchema);
}

/** The cached list with `saved` in place of its old copy; nothing while the list is not loaded. */
function withSavedLf(list: LfListResponse | undefined, saved: Lf): LfListResponse | undefined {
  return list && { ...list, lfs: list.lfs.map((lf) => (lf.id === saved.id ? saved : lf)) };
}

export function useUpdateLf(projectId: string) {
  const qc = useQueryClient();
  const key = queryKeys.lfs(projectId);
  return useMutation({
    mutationFn: ({ lfId, body }: UpdateLfInput) => updateLf(projectId, lfId, body),
    // The answer replaces the listed LF at once; the refetch (which also cancels one that started before the
    // change) brings the version list and, once the worker refits, the stats.
    onSuccess: (saved) => qc.setQueryData(key, (old: LfListResponse | undefined) => withSavedLf(old, saved)),
    onSettled: () => qc.invalidateQueries({ queryKey: key }),
  });
}
