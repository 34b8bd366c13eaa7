import { modelMonitoringSchema, type ModelMonitoring } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

export interface ModelRef {
  name: string;
  version: string;
}

/** `GET /api/projects/:projectId/routing/monitoring?modelName=&modelVersion=` (reviewer+): rates, calibration, per-class error, drift, alerts. */
export function getModelMonitoring(projectId: string, model: ModelRef, signal?: AbortSignal): Promise<ModelMonitoring> {
  return apiRequest(projectPath(projectId, '/routing/monitoring'), { signal, query: { modelName: model.name, modelVersion: model.version } }, modelMonitoringSchema);
}

export const modelMonitoringQueryOptions = (projectId: string, model: ModelRef) =>
  queryOptions({
    queryKey: queryKeys.routingMonitoring(projectId, model.name, model.version),
    queryFn: ({ signal }) => getModelMonitoring(projectId, model, signal),
  });

/** Idle until a model is chosen. */
export function useModelMonitoring(projectId: string, model: ModelRef | null) {
  return useQuery({ ...modelMonitoringQueryOptions(projectId, model ?? { name: '', version: '' }), enabled: model !== null });
}
