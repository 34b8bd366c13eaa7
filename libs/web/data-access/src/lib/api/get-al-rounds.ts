import { alRoundSchema, type AlRound } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

export const alRoundsResponseSchema = z.object({ rounds: z.array(alRoundSchema) });
export type AlRoundsResponse = z.infer<typeof alRoundsResponseSchema>;

/**
 * `GET /api/projects/:projectId/active-learning/rounds`: recent rounds, newest first. Kept current by the socket:
 * every `project:al-round` event is folded into the cached list (see `withAlRound`).
 */
export function getAlRounds(projectId: string, signal?: AbortSignal): Promise<AlRoundsResponse> {
  return apiRequest(projectPath(projectId, '/active-learning/rounds'), { signal }, alRoundsResponseSchema);
}

export const alRoundsQueryOptions = (projectId: string) =>
  queryOptions({ queryKey: queryKeys.alRounds(projectId), queryFn: ({ signal }) => getAlRounds(projectId, signal) });

export function useAlRounds(projectId: string) {
  return useQuery(alRoundsQueryOptions(projectId));
}

// A round only moves forward through these; done and failed are both the end.
const STAGE: Record<AlRound['status'], number> = { queued: 0, training: 1, scoring: 2, selecting: 3, done: 4, failed: 4 };

export function isRoundInFlight(round: Pick<AlRound, 'status'> | null | undefined): boolean {
  return round !== null && round !== undefined && STAGE[round.status] < STAGE.done;
}

/**
 * Of two copies of the same round (a socket event, a POST's answer, a refetch), the one further along: events can
 * arrive out of order, and a late `scoring` event must neither move the bar back nor reopen a finished round.
 */
export function laterAlRound(cached: AlRound, incoming: AlRound): AlRound {
  const a = STAGE[cached.status];
  const b = STAGE[incoming.status];
  if (a === STAGE.done) return cached;
  if (b !== a) return b > a ? incoming : cached;
  return incoming.scored >= cached.scored ? incoming : cached;
}

/** The cached list with `incoming` merged in (a new round goes first); nothing while the list is not loaded. */
export function withAlRound(list: AlRoundsResponse | undefined, incoming: AlRound): AlRoundsResponse | undefined {
  if (!list) return list;
  const i = list.rounds.findIndex((r) => r.id === incoming.id);
  if (i === -1) {
    const rounds = [incoming, ...list.rounds].sort((x, y) => (x.createdAt < y.createdAt ? 1 : x.createdAt > y.createdAt ? -1 : 0));
    return { ...list, rounds };
  }
  const merged = laterAlRound(list.rounds[i], incoming);
  if (merged === list.rounds[i]) return list;
  return { ...list, rounds: list.rounds.map((r, j) => (j === i ? merged : r)) };
}
