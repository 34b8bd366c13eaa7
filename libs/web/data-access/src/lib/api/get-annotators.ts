import { annotatorQualitySchema, type AnnotatorQuality } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

const annotatorListSchema = annotatorQualitySchema.array();

/**
 * `GET /api/projects/:projectId/annotators` (owner): each member's labels, running accuracy on gold checks and
 * whether it pauses them. Refetched on every `project:stats` event the socket receives.
 */
export function getAnnotators(projectId: string, signal?: AbortSignal): Promise<AnnotatorQuality[]> {
  return apiRequest(projectPath(projectId, '/annotators'), { signal }, annotatorListSchema);
}

export const annotatorsQueryOptions = (projectId: string) =>
  queryOptions({ queryKey: queryKeys.annotators(projectId), queryFn: ({ signal }) => getAnnotators(projectId, signal) });

export function useAnnotators(projectId: string) {
  return useQuery(annotatorsQueryOptions(projectId));
}
