import type { SnapshotDiff } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';
import { snapshotDiffSchema } from './snapshot-schemas';

/** `GET /api/projects/:projectId/snapshots/diff?from=&to=` (reviewer+): added, removed, relabeled and re-sourced items. */
export function getSnapshotDiff(projectId: string, from: number, to: number, signal?: AbortSignal): Promise<SnapshotDiff> {
  return apiRequest(projectPath(projectId, '/snapshots/diff'), { signal, query: { from: String(from), to: String(to) } }, snapshotDiffSchema);
}

// Two complete snapshots never change, so neither does their diff.
export const snapshotDiffQueryOptions = (projectId: string, from: number, to: number) =>
  queryOptions({ queryKey: queryKeys.snapshotDiff(projectId, from, to), queryFn: ({ signal }) => getSnapshotDiff(projectId, from, to, signal), staleTime: Infinity });

/** Asks only with both versions chosen. */
export function useSnapshotDiff(projectId: string, from: number | null, to: number | null) {
  return useQuery({ ...snapshotDiffQueryOptions(projectId, from ?? 0, to ?? 0), enabled: from !== null && to !== null });
}
