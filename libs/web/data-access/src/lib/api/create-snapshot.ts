import type { CreateSnapshotRequest, SnapshotList, SnapshotView } from '@arbiter/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { withSnapshot } from './get-snapshots';
import { projectPath } from './project-path';
import { snapshotViewSchema } from './snapshot-schemas';

/** `POST /api/projects/:projectId/snapshots` (engineer+) → 202 with the next version, building; a worker builds it. */
export function createSnapshot(projectId: string, body: CreateSnapshotRequest): Promise<SnapshotView> {
  return apiRequest(projectPath(projectId, '/snapshots'), { method: 'POST', json: body }, snapshotViewSchema);
}

export function useCreateSnapshot(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSnapshotRequest) => createSnapshot(projectId, body),
    onSuccess: (view) => qc.setQueryData(queryKeys.snapshotList(projectId), (old: SnapshotList | undefined) => withSnapshot(old, view)),
  });
}
