import { jobStatusSchema, type JobStatus } from '@arbiter/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

/** `GET /api/projects/:projectId/jobs/:jobId`: a worker job's state (`completed`, `failed`, …). */
export function getJob(projectId: string, jobId: string, signal?: AbortSignal): Promise<JobStatus> {
  return apiRequest(projectPath(projectId, `/jobs/${encodeURIComponent(jobId)}`), { signal }, jobStatusSchema);
}

const FINISHED = new Set(['completed', 'failed']);

/** Polls a job every `pollMs` until it completes or fails; idle without a job id. */
export function useJob(projectId: string, jobId: string | null, pollMs = 1000) {
  return useQuery({
    queryKey: queryKeys.job(projectId, jobId ?? ''),
    queryFn: ({ signal }) => getJob(projectId, jobId ?? '', signal),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && FINISHED.has(q.state.data.state) ? false : pollMs),
  });
}
