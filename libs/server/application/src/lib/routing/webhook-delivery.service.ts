// Sending verdict deliveries, for the worker: one attempt per job run (BullMQ retries with backoff), and the sweep
// that gives every pending delivery a job again after a queue lost it.
import { Inject, Injectable, Logger } from '@nestjs/common';
import { WEBHOOK_HEADERS } from '@arbiter/contracts';
import { WebhookRepository } from '@arbiter/server/data-access';
import { WebhookProducer } from '@arbiter/server/jobs';
import { signWebhook } from './webhook-signature';

export const WEBHOOK_DELIVERY_OPTIONS = Symbol('WEBHOOK_DELIVERY_OPTIONS');

export interface WebhookDeliveryOptions {
  /** A send's time limit; the claim on the delivery lasts a little longer. */
  timeoutMs: number;
}

/** A failed send: the job fails with it, and BullMQ retries it unless it was the last attempt. */
export class WebhookSendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSendError';
  }
}

const SWEEP_BATCH = 500;
// What of a receiver's error answer is kept for the dead-letter list.
const ERROR_BODY_CHARS = 300;

@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly producer: WebhookProducer,
    @Inject(WEBHOOK_DELIVERY_OPTIONS) private readonly options: WebhookDeliveryOptions,
  ) {}

  /**
   * One attempt. A delivery already delivered (or dead) is not sent; one whose send is in flight elsewhere neither
   * (that send records its outcome). A 2xx marks it delivered; anything else throws, after recording the attempt,
   * and on the last attempt the delivery becomes dead.
   */
  async deliver(deliveryId: string, lastAttempt: boolean): Promise<'delivered' | 'skipped'> {
    const claim = await this.webhooks.claim(deliveryId, this.options.timeoutMs + 5000);
    if (claim.kind !== 'send') return 'skipped';
    const timestamp = String(Math.floor(Date.now() / 1000));
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(claim.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Arbiter-Webhooks/1',
          [WEBHOOK_HEADERS.event]: claim.event,
          [WEBHOOK_HEADERS.deliveryId]: deliveryId,
          [WEBHOOK_HEADERS.timestamp]: timestamp,
          [WEBHOOK_HEADERS.signature]: signWebhook({ secret: claim.secret, timestamp, body: claim.body }),
        },
        body: claim.body,
        // A redirect is not a delivery: the receiver must answer 2xx at the configured address.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      statusCode = res.status;
      const text = await res.text().catch(() => '');
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}${text ? `: ${text.slice(0, ERROR_BODY_CHARS)}` : ''}`;
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      error = e.name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs} ms` : `${e.message}${e.cause?.code ? ` (${e.cause.code})` : e.cause?.message ? ` (${e.cause.message})` : ''}`;
    }
    const delivered = error === null;
    await this.webhooks.recordAttempt(deliveryId, { delivered, statusCode, error, final: lastAttempt });
    if (!delivered) throw new WebhookSendError(error as string);
    return 'delivered';
  }

  /** Queues every pending delivery that no send holds and whose job is gone (or finished without recording). */
  async sweep(): Promise<number> {
    let queued = 0;
    for (let after = '0'; ; ) {
      const batch = await this.webhooks.unclaimedPending(after, SWEEP_BATCH);
      for (const d of batch) if (await this.producer.ensure(d)) queued++;
      if (batch.length < SWEEP_BATCH) break;
      after = batch[batch.length - 1].seq;
    }
    if (queued) this.logger.log(`re-queued ${queued} pending webhook deliveries`);
    return queued;
  }
}
