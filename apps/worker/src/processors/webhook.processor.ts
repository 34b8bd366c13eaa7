// Webhook deliveries: one send per run; a failure throws so BullMQ retries it with backoff until the last attempt.
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { deliverWebhookJobSchema } from '@arbiter/contracts';
import { WebhookDeliveryService } from '@arbiter/server/application';
import { JOB, QUEUE } from '@arbiter/server/jobs';
import { parse } from './job-payload';

@Processor(QUEUE.webhooks, { concurrency: 4 })
export class WebhookProcessor extends WorkerHost {
  constructor(private readonly deliveries: WebhookDeliveryService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOB.deliverWebhook: {
        const { deliveryId } = parse(deliverWebhookJobSchema, job.data);
        // BullMQ's attemptsMade counts the runs before this one.
        const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        return { outcome: await this.deliveries.deliver(deliveryId, last) };
      }
      default:
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  }
}
