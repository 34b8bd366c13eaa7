import type { SnapshotList, SnapshotView } from '@arbiter/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { withSnapshot } from './get-snapshots';
import { projectPath } from './project-path';
import { snapshotViewSchema } from './snapshot-schemas';

/** `POST /api/projects/:projectId/snapshots/:version/retry` (engineer+) → 202: a failed or stalled build runs again; 409 once complete. */
export function retrySnapshot(projectId: string, version: number): Promise<SnapshotView> {
  return apiRequest(projectPath(projectId, `/snapshots/${version}/retry`), { method: 'POST', json: {} }, snapshotViewSchema);
}

export function useRetrySnapshot(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => retrySnapshot(projectId, version),
    onSuccess: (view) => qc.setQueryData(queryKeys.snapshotList(projectId), (old: SnapshotList | undefined) => withSnapshot(old, view)),
  });
}
