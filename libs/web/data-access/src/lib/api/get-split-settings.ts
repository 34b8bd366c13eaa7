import type { SplitSettings } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';
import { splitSettingsSchema } from './snapshot-schemas';

/** `GET /api/projects/:projectId/split-settings` (reviewer+): seed, ratios, group key, and items assigned per split. */
export function getSplitSettings(projectId: string, signal?: AbortSignal): Promise<SplitSettings> {
  return apiRequest(projectPath(projectId, '/split-settings'), { signal }, splitSettingsSchema);
}

export const splitSettingsQueryOptions = (projectId: string) =>
  queryOptions({ queryKey: queryKeys.splitSettings(projectId), queryFn: ({ signal }) => getSplitSettings(projectId, signal) });

export function useSplitSettings(projectId: string) {
  return useQuery(splitSettingsQueryOptions(projectId));
}
