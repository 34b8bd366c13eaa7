import type { SnapshotEvent, SnapshotList, SnapshotView } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';
import { snapshotListSchema } from './snapshot-schemas';

/**
 * `GET /api/projects/:projectId/snapshots` (reviewer+): every version, newest first. Kept current by the socket:
 * a `project:snapshot` event for a version the list lacks, or a finished build, refetches it.
 */
export function getSnapshots(projectId: string, signal?: AbortSignal): Promise<SnapshotList> {
  return apiRequest(projectPath(projectId, '/snapshots'), { signal }, snapshotListSchema);
}

// While a build runs the list is also polled, slowly: a build that dies with its worker sends no event, and the
// workers' sweep that fails or restarts it is only seen this way.
const BUILDING_POLL_MS = 5_000;

export const snapshotsQueryOptions = (projectId: string) =>
  queryOptions({
    queryKey: queryKeys.snapshotList(projectId),
    queryFn: ({ signal }) => getSnapshots(projectId, signal),
    refetchInterval: (q) => (q.state.data?.snapshots.some((s) => s.status === 'building') ? BUILDING_POLL_MS : false),
  });

export function useSnapshots(projectId: string) {
  return useQuery(snapshotsQueryOptions(projectId));
}

/** The cached list with `view` in its place (a new version goes first); nothing while the list is not loaded. */
export function withSnapshot(list: SnapshotList | undefined, view: SnapshotView): SnapshotList | undefined {
  if (!list) return list;
  const rest = list.snapshots.filter((s) => s.version !== view.version);
  return { snapshots: [view, ...rest].sort((a, b) => b.version - a.version) };
}

/** Whether a socket event says something the cached list does not show: a version it lacks, or a build's end. */
export function snapshotEventIsNews(list: SnapshotList | undefined, ev: SnapshotEvent): boolean {
  const cached = list?.snapshots.find((s) => s.version === ev.version);
  return !cached || cached.status !== ev.status;
}
