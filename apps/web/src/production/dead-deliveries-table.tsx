// The dead-letter list of verdict webhooks, presentational: one row per delivery that failed its last attempt.
import type { WebhookDelivery } from '@arbiter/contracts';

export interface DeadDeliveriesTableProps {
  deliveries: readonly WebhookDelivery[];
  /** Called with the delivery id when its Retry button is pressed. */
  onRetry: (deliveryId: string) => void;
  /** Deliveries whose retry is in flight: their button is disabled. */
  retrying: ReadonlySet<string>;
}

export function DeadDeliveriesTable({ deliveries, onRetry, retrying }: DeadDeliveriesTableProps) {
  return (
    <table className="table" data-testid="dead-deliveries">
      <caption>Events the production service's webhook did not accept</caption>
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col">Prediction</th>
          <th scope="col">Verdict</th>
          <th scope="col">Attempts</th>
          <th scope="col">Last answer</th>
          <th scope="col">Last attempt</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {deliveries.map((d) => (
          <tr key={d.deliveryId} data-testid="dead-delivery" data-delivery-id={d.deliveryId}>
            <td>{d.event}</td>
            <td>{d.predictionId === null ? '—' : <code>{d.predictionId}</code>}</td>
            <td>{d.verdict ?? '—'}</td>
            <td>{d.attempts}</td>
            <td>{d.lastError ?? (d.lastStatusCode === null ? '—' : `HTTP ${d.lastStatusCode}`)}</td>
            <td>{d.lastAttemptAt ? new Date(d.lastAttemptAt).toLocaleString() : '—'}</td>
            <td>
              <button type="button" className="btn" disabled={retrying.has(d.deliveryId)} onClick={() => onRetry(d.deliveryId)} data-testid="retry-delivery">
                {retrying.has(d.deliveryId) ? 'Retrying…' : 'Retry'}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
