import { agreementResponseSchema, type AgreementReport } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

/**
 * `GET /api/projects/:projectId/agreement` (reviewer+): the latest report, `null` until a worker computed one.
 * Kept current by the socket's `project:agreement` events, which invalidate this query.
 */
export async function getAgreement(projectId: string, signal?: AbortSignal): Promise<AgreementReport | null> {
  return (await apiRequest(projectPath(projectId, '/agreement'), { signal }, agreementResponseSchema)).report;
}

export const agreementQueryOptions = (projectId: string) =>
  queryOptions({ queryKey: queryKeys.agreement(projectId), queryFn: ({ signal }) => getAgreement(projectId, signal) });

export function useAgreement(projectId: string) {
  return useQuery(agreementQueryOptions(projectId));
}
