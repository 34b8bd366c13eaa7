import { webhookDeliveryPageSchema, type WebhookDeliveryPage, type WebhookDeliveryStatus } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

/**
 * `GET /api/projects/:projectId/routing/webhook/deliveries?status=&after=&limit=` (engineer+): verdict webhook
 * deliveries in a status, oldest first, keyset-paginated (`dead` is the dead-letter list).
 */
export function getWebhookDeliveries(
  projectId: string,
  query: { status: WebhookDeliveryStatus; after?: string; limit?: number },
  signal?: AbortSignal,
): Promise<WebhookDeliveryPage> {
  return apiRequest(
    projectPath(projectId, '/routing/webhook/deliveries'),
    { signal, query: { status: query.status, after: query.after, limit: query.limit === undefined ? undefined : String(query.limit) } },
    webhookDeliveryPageSchema,
  );
}

export const webhookDeliveriesQueryOptions = (projectId: string, status: WebhookDeliveryStatus, after?: string) =>
  queryOptions({
    queryKey: [...queryKeys.webhookDeliveries(projectId, status), after ?? null],
    queryFn: ({ signal }) => getWebhookDeliveries(projectId, { status, after }, signal),
  });

export function useWebhookDeliveries(projectId: string, status: WebhookDeliveryStatus, after?: string) {
  return useQuery(webhookDeliveriesQueryOptions(projectId, status, after));
}
