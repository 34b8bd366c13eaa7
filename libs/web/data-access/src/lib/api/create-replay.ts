import { replaySchema, type CreateReplay, type Replay } from '@arbiter/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { laterReplay } from './get-replay';
import { projectPath } from './project-path';

/**
 * `POST /api/projects/:projectId/active-learning/replays` (engineer+) → 202 with the queued replay: the loop re-run
 * on the project's labeled items, once per strategy and seed. Progress arrives as `project:al-replay` events.
 */
export function createReplay(projectId: string, body: CreateReplay): Promise<Replay> {
  return apiRequest(projectPath(projectId, '/active-learning/replays'), { method: 'POST', json: body }, replaySchema);
}

export function useCreateReplay(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateReplay) => createReplay(projectId, body),
    onSuccess: (replay) => qc.setQueryData(queryKeys.alReplay(projectId, replay.id), (old: Replay | undefined) => laterReplay(old, replay)),
  });
}
