import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../api-client';
import { projectPath } from './project-path';

const refitStartedSchema = z.object({ jobId: z.string(), reviewedPredictions: z.number().int() });
export type RefitStarted = z.infer<typeof refitStartedSchema>;

/** `POST /api/projects/:projectId/routing/refit` (engineer+) → 202: the worker re-fits; a 409 with too few verdicts. */
export function startRoutingRefit(projectId: string): Promise<RefitStarted> {
  return apiRequest(projectPath(projectId, '/routing/refit'), { method: 'POST', json: {} }, refitStartedSchema);
}

export function useStartRoutingRefit(projectId: string) {
  return useMutation({ mutationFn: () => startRoutingRefit(projectId) });
}
