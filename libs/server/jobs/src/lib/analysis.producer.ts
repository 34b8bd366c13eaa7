// Enqueues analysis jobs. Agreement is debounced: a burst of submissions yields one recomputation, shortly
// after the last of them.
import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { computeAgreementJobSchema } from '@arbiter/contracts';
import { JOB, QUEUE } from './queue-connection';

export const AGREEMENT_DEBOUNCE_MS = 500;

@Injectable()
export class AnalysisProducer {
  private readonly logger = new Logger('AnalysisProducer');

  constructor(@InjectQueue(QUEUE.analysis) private readonly queue: Queue) {}

  /**
   * For callers whose change is already committed: a queue outage is logged, never thrown, because it must not
   * turn a stored label into an error (the next change schedules the recomputation again).
   */
  afterChange(projectId: string): void {
    this.scheduleAgreement(projectId).catch((err) => this.logger.warn(`agreement not scheduled for ${projectId}: ${err}`));
  }

  async scheduleAgreement(projectId: string): Promise<void> {
    const data = computeAgreementJobSchema.parse({ projectId });
    await this.queue.add(JOB.computeAgreement, data, {
      delay: AGREEMENT_DEBOUNCE_MS,
      deduplication: { id: `agreement-${projectId}`, ttl: AGREEMENT_DEBOUNCE_MS, extend: true, replace: true },
      attempts: 3,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { count: 100 },
      removeOnFail: { age: 24 * 3600 },
    });
  }
}
