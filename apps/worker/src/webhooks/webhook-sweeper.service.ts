// Gives every pending webhook delivery a job again: at worker start and every WEBHOOK_SWEEP_MS. A timer in the worker
// rather than a BullMQ job scheduler, because what it recovers from (Redis losing its data) would take the
// scheduler with it. Every worker sweeps; the job id makes two sweeps of one delivery one job.
import { Inject, Injectable } from '@nestjs/common';
import { WebhookDeliveryService } from '@arbiter/server/application';
import { PeriodicTask } from '../periodic-task';

export const WEBHOOK_SWEEP_MS = 'WEBHOOK_SWEEP_MS';

@Injectable()
export class WebhookSweeper extends PeriodicTask {
  constructor(
    private readonly deliveries: WebhookDeliveryService,
    @Inject(WEBHOOK_SWEEP_MS) everyMs: number,
  ) {
    super('Webhooks', 'webhook sweep', everyMs, true);
  }

  protected async runOnce(): Promise<void> {
    await this.deliveries.sweep();
  }
}
