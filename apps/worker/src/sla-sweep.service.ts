// Escalates production reviews past their SLA deadline: every SLA_SWEEP_MS each worker process runs one sweep (the
// database hands each overdue review to one sweeper), so a review is escalated within about one period of its
// deadline. A failing sweep is logged once when it starts failing and once when it recovers.
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ProductionReviewService } from '@arbiter/server/application';

export const SLA_SWEEP_MS = 'SLA_SWEEP_MS';

@Injectable()
export class SlaSweepService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SlaSweep');
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private failing = false;

  constructor(
    private readonly reviews: ProductionReviewService,
    @Inject(SLA_SWEEP_MS) private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      // One sweep at a time per process: a slow one is not stacked on.
      this.running ??= this.sweep().finally(() => (this.running = null));
    }, this.intervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async sweep(): Promise<void> {
    try {
      const counts = await this.reviews.escalateOverdue();
      const total = counts.act + counts.senior + counts.wait;
      if (total) this.logger.log(`escalated ${total} overdue review${total === 1 ? '' : 's'} (act ${counts.act}, senior ${counts.senior}, wait ${counts.wait})`);
      if (this.failing) this.logger.log('SLA sweeps succeed again');
      this.failing = false;
    } catch (err) {
      if (!this.failing) this.logger.warn(`SLA sweep failed: ${(err as Error).message}`);
      this.failing = true;
    }
  }
}
