import { renderToStaticMarkup } from 'react-dom/server';
import type { WebhookDelivery } from '@arbiter/contracts';
import { DeadDeliveriesTable } from './dead-deliveries-table';

const dead = (n: number, over: Partial<WebhookDelivery> = {}): WebhookDelivery => ({
  deliveryId: `00000000-0000-4000-8000-00000000000${n}`,
  event: 'verdict',
  status: 'dead',
  reviewId: `10000000-0000-4000-8000-00000000000${n}`,
  predictionId: `order-${n}`,
  verdict: 'correct',
  attempts: 12,
  lastStatusCode: 503,
  lastError: 'HTTP 503: maintenance',
  lastAttemptAt: '2026-12-07T23:00:00.000Z',
  deliveredAt: null,
  createdAt: '2026-12-07T20:00:00.000Z',
  ...over,
});

describe('DeadDeliveriesTable', () => {
  it('shows each dead delivery with its prediction, attempts and last answer, and a Retry button', () => {
    const html = renderToStaticMarkup(
      <DeadDeliveriesTable deliveries={[dead(1), dead(2, { lastStatusCode: null, lastError: 'connect ECONNREFUSED 10.0.0.9:443' })]} onRetry={() => undefined} retrying={new Set()} />,
    );
    const rows = html.split('data-testid="dead-delivery"').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('<code>order-1</code>');
    expect(rows[0]).toContain('<td>12</td>');
    expect(rows[0]).toContain('HTTP 503: maintenance');
    expect(rows[1]).toContain('connect ECONNREFUSED 10.0.0.9:443');
    expect(rows.map((r) => /<button[^>]*disabled/.test(r))).toEqual([false, false]);
  }, 5000);

  it('disables the button of a delivery whose retry is in flight', () => {
    const html = renderToStaticMarkup(<DeadDeliveriesTable deliveries={[dead(1), dead(2)]} onRetry={() => undefined} retrying={new Set([dead(2).deliveryId])} />);
    const rows = html.split('data-testid="dead-delivery"').slice(1);
    expect(rows.map((r) => /<button[^>]*disabled/.test(r))).toEqual([false, true]);
    expect(rows[1]).toContain('Retrying…');
  }, 5000);
});
