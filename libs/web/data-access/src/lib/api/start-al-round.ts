import { alRoundSchema, type AlRound } from '@arbiter/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { withAlRound, type AlRoundsResponse } from './get-al-rounds';
import { projectPath } from './project-path';

/**
 * `POST /api/projects/:projectId/active-learning/rounds` (engineer+) → 202 with the queued round: train, score the
 * pool, select a batch into the annotation queue. A 409 when a round is already in flight.
 */
export function startAlRound(projectId: string): Promise<AlRound> {
  return apiRequest(projectPath(projectId, '/active-learning/rounds'), { method: 'POST', json: {} }, alRoundSchema);
}

export function useStartAlRound(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => startAlRound(projectId),
    onSuccess: (round) => qc.setQueryData(queryKeys.alRounds(projectId), (old: AlRoundsResponse | undefined) => withAlRound(old, round)),
  });
}
