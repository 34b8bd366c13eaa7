import { lfVersionSchema, type LfVersion } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

const lfVersionsSchema = lfVersionSchema.array();

/** `GET /api/projects/:projectId/lfs/:lfId/versions` (reviewer+): every version of one LF, newest first. */
export function getLfVersions(projectId: string, lfId: string, signal?: AbortSignal): Promise<LfVersion[]> {
  return apiRequest(projectPath(projectId, `/lfs/${encodeURIComponent(lfId)}/versions`), { signal }, lfVersionsSchema);
}

export const lfVersionsQueryOptions = (projectId: string, lfId: string) =>
  queryOptions({ queryKey: queryKeys.lfVersions(projectId, lfId), queryFn: ({ signal }) => getLfVersions(projectId, lfId, signal) });

/** Fetches nothing while no LF is chosen. */
export function useLfVersions(projectId: string, lfId: string | null) {
  return useQuery({ ...lfVersionsQueryOptions(projectId, lfId ?? ''), enabled: lfId !== null });
}
