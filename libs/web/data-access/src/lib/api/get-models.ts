import { modelSummarySchema, type ModelSummary } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

const modelsResponseSchema = z.object({ models: z.array(modelSummarySchema) });

/** `GET /api/projects/:projectId/models`: every model version with its metrics. Refetched when a round is done. */
export async function getModels(projectId: string, signal?: AbortSignal): Promise<ModelSummary[]> {
  return (await apiRequest(projectPath(projectId, '/models'), { signal }, modelsResponseSchema)).models;
}

export const modelsQueryOptions = (projectId: string) =>
  queryOptions({ queryKey: queryKeys.models(projectId), queryFn: ({ signal }) => getModels(projectId, signal) });

export function useModels(projectId: string) {
  return useQuery(modelsQueryOptions(projectId));
}
