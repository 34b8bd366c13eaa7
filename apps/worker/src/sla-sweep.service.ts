// Escalates production reviews past their SLA deadline: every SLA_SWEEP_MS each worker process runs one sweep (the
// database hands each overdue review to one sweeper), so a review is escalated within about one period of its
// deadline.
import { Inject, Injectable } from '@nestjs/common';
import { ProductionReviewService } from '@arbiter/server/application';
import { PeriodicTask } from './periodic-task';

export const SLA_SWEEP_MS = 'SLA_SWEEP_MS';

@Injectable()
export class SlaSweepService extends PeriodicTask {
  constructor(
    private readonly reviews: ProductionReviewService,
    @Inject(SLA_SWEEP_MS) intervalMs: number,
  ) {
    super('SlaSweep', 'SLA sweep', intervalMs, false);
  }

  protected async runOnce(): Promise<void> {
    const counts = await this.reviews.escalateOverdue();
    const total = counts.act + counts.senior + counts.wait;
    if (total) this.logger.log(`escalated ${total} overdue review${total === 1 ? '' : 's'} (act ${counts.act}, senior ${counts.senior}, wait ${counts.wait})`);
  }
}
