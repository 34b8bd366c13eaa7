import { lfRunSchema, type LfListResponse, type LfRun } from '@arbiter/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { withLfRun } from './get-lfs';
import { projectPath } from './project-path';

const startLfRunResponseSchema = z.object({ run: lfRunSchema.nullable() });

/**
 * `POST /api/projects/:projectId/lf-runs` (engineer+) → 202 `{ run }`: applies every enabled LF now; `run` is null
 * when there is nothing to apply. Runs normally start by themselves after a change.
 */
export async function startLfRun(projectId: string): Promise<LfRun | null> {
  return (await apiRequest(projectPath(projectId, '/lf-runs'), { method: 'POST', json: {} }, startLfRunResponseSchema)).run;
}

export function useStartLfRun(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => startLfRun(projectId),
    onSuccess: (run) => {
      if (run) qc.setQueryData(queryKeys.lfs(projectId), (old: LfListResponse | undefined) => withLfRun(old, run));
    },
  });
}
