import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

const retryResponseSchema = z.object({ deliveryId: z.uuid(), status: z.literal('pending') });

/** `POST …/routing/webhook/deliveries/:deliveryId/retry` (engineer+) → 202: a dead delivery is sent again; 409 if not dead. */
export function retryWebhookDelivery(projectId: string, deliveryId: string): Promise<z.infer<typeof retryResponseSchema>> {
  return apiRequest(projectPath(projectId, `/routing/webhook/deliveries/${encodeURIComponent(deliveryId)}/retry`), { method: 'POST', json: {} }, retryResponseSchema);
}

export function useRetryWebhookDelivery(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) => retryWebhookDelivery(projectId, deliveryId),
    // Every status list changes: the delivery leaves the dead list for pending, and soon delivered.
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.webhook(projectId) }),
  });
}
