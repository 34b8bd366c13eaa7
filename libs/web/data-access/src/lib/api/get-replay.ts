import { replaySchema, type Replay } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

/** `GET /api/projects/:projectId/active-learning/replays/:replayId`; kept current by `project:al-replay` events. */
export function getReplay(projectId: string, replayId: string, signal?: AbortSignal): Promise<Replay> {
  return apiRequest(projectPath(projectId, `/active-learning/replays/${encodeURIComponent(replayId)}`), { signal }, replaySchema);
}

export const replayQueryOptions = (projectId: string, replayId: string) =>
  queryOptions({ queryKey: queryKeys.alReplay(projectId, replayId), queryFn: ({ signal }) => getReplay(projectId, replayId, signal) });

/** The replay with this id; nothing (and no request) while there is none. */
export function useReplay(projectId: string, replayId: string | null) {
  return useQuery({ ...replayQueryOptions(projectId, replayId ?? ''), enabled: replayId !== null });
}

const FINISHED: ReadonlySet<Replay['status']> = new Set(['done', 'failed']);

/** Of two copies of one replay, the one further along (a late progress event never reopens a finished replay). */
export function laterReplay(cached: Replay | undefined, incoming: Replay): Replay {
  if (!cached || cached.id !== incoming.id) return incoming;
  if (FINISHED.has(cached.status)) return cached;
  if (FINISHED.has(incoming.status)) return incoming;
  return incoming.runsDone >= cached.runsDone ? incoming : cached;
}
