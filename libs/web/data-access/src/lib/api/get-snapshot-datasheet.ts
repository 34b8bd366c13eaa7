import type { Datasheet } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';
import { datasheetSchema } from './snapshot-schemas';

/** `GET /api/projects/:projectId/snapshots/:version/datasheet` (reviewer+): counts, sources, agreement, exclusions; 409 while building. */
export function getSnapshotDatasheet(projectId: string, version: number, signal?: AbortSignal): Promise<Datasheet> {
  return apiRequest(projectPath(projectId, `/snapshots/${version}/datasheet`), { signal }, datasheetSchema);
}

// A complete snapshot never changes, so neither does its datasheet.
export const snapshotDatasheetQueryOptions = (projectId: string, version: number) =>
  queryOptions({ queryKey: queryKeys.snapshotDatasheet(projectId, version), queryFn: ({ signal }) => getSnapshotDatasheet(projectId, version, signal), staleTime: Infinity });

/** Asks only when `version` is a complete snapshot's (null otherwise). */
export function useSnapshotDatasheet(projectId: string, version: number | null) {
  return useQuery({ ...snapshotDatasheetQueryOptions(projectId, version ?? 0), enabled: version !== null });
}
