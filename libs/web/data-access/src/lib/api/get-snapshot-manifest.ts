import type { SnapshotManifest } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';
import { snapshotManifestSchema } from './snapshot-schemas';

/** `GET /api/projects/:projectId/snapshots/:version/manifest` (reviewer+): splits with rows and content hashes; 409 while building. */
export function getSnapshotManifest(projectId: string, version: number, signal?: AbortSignal): Promise<SnapshotManifest> {
  return apiRequest(projectPath(projectId, `/snapshots/${version}/manifest`), { signal }, snapshotManifestSchema);
}

// A complete snapshot never changes, so neither does its manifest.
export const snapshotManifestQueryOptions = (projectId: string, version: number) =>
  queryOptions({ queryKey: queryKeys.snapshotManifest(projectId, version), queryFn: ({ signal }) => getSnapshotManifest(projectId, version, signal), staleTime: Infinity });

/** Asks only when `version` is a complete snapshot's (null otherwise). */
export function useSnapshotManifest(projectId: string, version: number | null) {
  return useQuery({ ...snapshotManifestQueryOptions(projectId, version ?? 0), enabled: version !== null });
}
