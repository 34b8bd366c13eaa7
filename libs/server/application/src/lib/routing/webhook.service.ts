// A project's verdict webhook as engineers manage it: the address and secret, and the deliveries (dead letters
// first of all), which they may send again once the receiver is fixed.
import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isUuid } from '@arbiter/contracts';
import type { ListWebhookDeliveriesQuery, PutWebhookRequest, PutWebhookResponse, VerdictWebhookEvent, WebhookDeliveryPage, WebhookView } from '@arbiter/contracts';
import { type StoredDecision, type StoredWebhook, WebhookRepository } from '@arbiter/server/data-access';
import { WebhookProducer } from '@arbiter/server/jobs';
import { ArbiterError, ErrorCode, notFound } from '../errors/arbiter.error';

/** The body of a verdict delivery, fixed when the verdict is recorded (every attempt sends these bytes). */
export function verdictWebhookBody(projectId: string, d: StoredDecision, deliveryId: string, labels: string[]): string {
  const event: VerdictWebhookEvent = {
    type: 'verdict',
    deliveryId,
    projectId,
    predictionId: d.clientPredictionId,
    reviewId: d.reviewId as string,
    verdict: d.verdict as VerdictWebhookEvent['verdict'],
    label: d.verdictLabel,
    labelName: d.verdictLabel === null ? null : labels[d.verdictLabel],
    decidedAt: d.decidedAt as string,
    model: { name: d.modelName, version: d.modelVersion },
  };
  return JSON.stringify(event);
}

function view(w: StoredWebhook | null): WebhookView {
  if (!w) return { configured: false, url: null, hasSecret: false, createdAt: null, updatedAt: null };
  return { configured: true, url: w.url, hasSecret: true, createdAt: w.createdAt, updatedAt: w.updatedAt };
}

@Injectable()
export class WebhookService {
  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly producer: WebhookProducer,
  ) {}

  async get(projectId: string): Promise<WebhookView> {
    return view(await this.webhooks.get(projectId));
  }

  /** Sets the address and secret (a new random one when none is sent); the answer is the only time it is shown. */
  async put(projectId: string, req: PutWebhookRequest): Promise<PutWebhookResponse> {
    const secret = req.secret ?? `whsec_${randomBytes(32).toString('base64url')}`;
    const stored = await this.webhooks.put(projectId, req.url, secret);
    return { ...view(stored), secret };
  }

  async remove(projectId: string): Promise<void> {
    if (!(await this.webhooks.remove(projectId))) throw notFound('webhook');
  }

  async deliveries(projectId: string, q: ListWebhookDeliveriesQuery): Promise<WebhookDeliveryPage> {
    const { rows, cursor } = await this.webhooks.page(projectId, q.status, q.after, q.limit);
    return { deliveries: rows.map(({ seq: _seq, ...d }) => d), cursor };
  }

  /** Sends a dead delivery again, with a fresh set of attempts, to the webhook as it is now. */
  async retry(projectId: string, deliveryId: string): Promise<{ deliveryId: string; status: 'pending' }> {
    if (!isUuid(deliveryId)) throw notFound('delivery');
    const out = await this.webhooks.revive(projectId, deliveryId.toLowerCase());
    if (out.kind === 'not-found') throw notFound('delivery');
    if (out.kind === 'not-dead') throw new ArbiterError(ErrorCode.Conflict, `only a dead delivery can be retried; this one is ${out.status}`);
    this.producer.afterCommit({ projectId, deliveryId: deliveryId.toLowerCase(), generation: out.generation });
    return { deliveryId: deliveryId.toLowerCase(), status: 'pending' };
  }
}
