import { lfListResponseSchema, type LfListResponse, type LfRun } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

/**
 * `GET /api/projects/:projectId/lfs` (reviewer+): every LF with its stats, the latest label model and run.
 * Kept current by the socket: `project:lfs` invalidates it, `project:lf-run` replaces its `run`.
 */
export function getLfs(projectId: string, signal?: AbortSignal): Promise<LfListResponse> {
  return apiRequest(projectPath(projectId, '/lfs'), { signal }, lfListResponseSchema);
}

export const lfsQueryOptions = (projectId: string) =>
  queryOptions({ queryKey: queryKeys.lfs(projectId), queryFn: ({ signal }) => getLfs(projectId, signal) });

export function useLfs(projectId: string) {
  return useQuery(lfsQueryOptions(projectId));
}

/**
 * The run to show when a run arrives (a socket event, a POST's answer) while another is cached: the newer run, and
 * for the same run the further one, so a late progress event never moves the bar back or reopens a finished run.
 */
export function laterLfRun(cached: LfRun | null, incoming: LfRun): LfRun {
  if (!cached) return incoming;
  if (cached.id !== incoming.id) return incoming.createdAt >= cached.createdAt ? incoming : cached;
  if (cached.status !== 'running') return cached;
  if (incoming.status !== 'running') return incoming;
  return incoming.chunksDone >= cached.chunksDone ? incoming : cached;
}

/** The cached LF list with `incoming` as its run (see `laterLfRun`); nothing while the list is not loaded. */
export function withLfRun(list: LfListResponse | undefined, incoming: LfRun): LfListResponse | undefined {
  return list && { ...list, run: laterLfRun(list.run, incoming) };
}
