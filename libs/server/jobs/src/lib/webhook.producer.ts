// Enqueues webhook deliveries. The job id is the delivery id (with the generation after a manual retry), so enqueuing
// one twice, by the api and the sweeper, makes one job. Retries are BullMQ's: WEBHOOK_ATTEMPTS sends with
// exponential backoff from WEBHOOK_BACKOFF_MS.
import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { deliverWebhookJobSchema } from '@arbiter/contracts';
import { loadConfig } from '@arbiter/server/config';
import { JOB, QUEUE } from './queue-connection';
import { failFast } from './queue-unavailable.error';

export interface DeliveryRef {
  projectId: string;
  deliveryId: string;
  /** 0 until an engineer retries the dead delivery; each retry is a new job. */
  generation: number;
}

export const webhookJobId = (d: Pick<DeliveryRef, 'deliveryId' | 'generation'>) => (d.generation === 0 ? d.deliveryId : `${d.deliveryId}-retry-${d.generation}`);

@Injectable()
export class WebhookProducer {
  private readonly logger = new Logger('WebhookProducer');
  private readonly attempts: number;
  private readonly backoffMs: number;

  constructor(@InjectQueue(QUEUE.webhooks) private readonly queue: Queue) {
    const config = loadConfig();
    this.attempts = config.WEBHOOK_ATTEMPTS;
    this.backoffMs = config.WEBHOOK_BACKOFF_MS;
  }

  /**
   * For a delivery already committed: a queue outage is logged, never thrown (the verdict is stored, and the
   * workers' sweeper queues every pending delivery that has no job).
   */
  afterCommit(d: DeliveryRef): void {
    this.enqueue(d).catch((err) => this.logger.warn(`webhook delivery ${d.deliveryId} not queued now (the sweeper will): ${err}`));
  }

  async enqueue(d: DeliveryRef): Promise<void> {
    const data = deliverWebhookJobSchema.parse({ projectId: d.projectId, deliveryId: d.deliveryId });
    await failFast('webhook delivery', this.queue.add(JOB.deliverWebhook, data, {
      jobId: webhookJobId(d),
      attempts: this.attempts,
      backoff: { type: 'exponential', delay: this.backoffMs },
      removeOnComplete: { age: 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    }));
  }

  /**
   * For the sweeper, on a pending delivery no send holds: queues it unless its job is waiting, delayed or running.
   * A finished job of a pending delivery (its last step's write was lost) is replaced; its handler checks the row
   * before sending, so a delivered one is never sent again. Returns whether it queued a job.
   */
  async ensure(d: DeliveryRef): Promise<boolean> {
    const job = await failFast('webhook sweep', this.queue.getJob(webhookJobId(d)));
    if (job) {
      const state = await failFast('webhook sweep', job.getState());
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return false;
      await failFast('webhook sweep', job.remove());
    }
    await this.enqueue(d);
    return true;
  }
}
