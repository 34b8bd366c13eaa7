// The verdict webhook's dead-letter list, for the production review screen to mount (engineers and owners only:
// the route answers others 403, shown as an error). Props:
//   projectId — the project whose deliveries are listed.
// It fetches the `dead` deliveries, oldest first, 50 a page (Next/First page by the keyset cursor), and its Retry
// button sends one again (POST …/deliveries/:id/retry); the lists refetch when the retry settles.
import { useState } from 'react';
import { ApiError, useRetryWebhookDelivery, useWebhookDeliveries } from '@arbiter/web/data-access';
import { ErrorMessage } from '@arbiter/web/ui';
import { DeadDeliveriesTable } from './dead-deliveries-table';

export interface WebhookDeliveriesProps {
  projectId: string;
}

export function WebhookDeliveries({ projectId }: WebhookDeliveriesProps) {
  // The cursors of the pages shown so far; the last is the current page's (undefined: the first).
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const after = cursors[cursors.length - 1];
  const list = useWebhookDeliveries(projectId, 'dead', after);
  const retry = useRetryWebhookDelivery(projectId);
  const [retrying, setRetrying] = useState<ReadonlySet<string>>(new Set());

  const onRetry = (deliveryId: string) => {
    setRetrying((s) => new Set(s).add(deliveryId));
    retry.mutate(deliveryId, {
      onSettled: () =>
        setRetrying((s) => {
          const next = new Set(s);
          next.delete(deliveryId);
          return next;
        }),
    });
  };

  const failure = list.error ?? retry.error;
  return (
    <section aria-label="Webhook dead letters" data-testid="webhook-deliveries">
      {failure && (
        <ErrorMessage message={failure.message} details={failure instanceof ApiError ? failure.errors : []} testId="webhook-deliveries-error" />
      )}
      {list.isPending && <p className="muted">Loading dead letters…</p>}
      {list.data && list.data.deliveries.length === 0 && cursors.length === 1 && (
        <p className="muted" data-testid="no-dead-deliveries">
          No dead letters: every verdict sent so far was accepted or is still being retried.
        </p>
      )}
      {list.data && list.data.deliveries.length > 0 && <DeadDeliveriesTable deliveries={list.data.deliveries} onRetry={onRetry} retrying={retrying} />}
      {(cursors.length > 1 || list.data?.cursor) && (
        <nav aria-label="Dead letter pages">
          {cursors.length > 1 && (
            <button type="button" className="btn btn--ghost" onClick={() => setCursors([undefined])}>
              First page
            </button>
          )}
          {list.data?.cursor && (
            <button type="button" className="btn btn--ghost" onClick={() => setCursors((c) => [...c, list.data?.cursor ?? undefined])}>
              Next page
            </button>
          )}
        </nav>
      )}
    </section>
  );
}
