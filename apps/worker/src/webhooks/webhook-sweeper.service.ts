// Gives every pending webhook delivery a job again: at worker start and every WEBHOOK_SWEEP_MS. A timer in the worker
// rather than a BullMQ job scheduler, because what it recovers from (Redis losing its data) would take the
// scheduler with it. Every worker sweeps; the job id makes two sweeps of one delivery one job.
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { WebhookDeliveryService } from '@arbiter/server/application';

export const WEBHOOK_SWEEP_MS = 'WEBHOOK_SWEEP_MS';

@Injectable()
export class WebhookSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private timer?: NodeJS.Timeout;
  private running = false;
  private failing = false;

  constructor(
    private readonly deliveries: WebhookDeliveryService,
    @Inject(WEBHOOK_SWEEP_MS) private readonly everyMs: number,
  ) {}

  onApplicationBootstrap(): void {
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), this.everyMs);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async sweep(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.deliveries.sweep();
      if (this.failing) this.logger.log('webhook sweep works again');
      this.failing = false;
    } catch (err) {
      if (!this.failing) this.logger.warn(`webhook sweep failed: ${(err as Error).message}`);
      this.failing = true;
    } finally {
      this.running = false;
    }
  }
}
