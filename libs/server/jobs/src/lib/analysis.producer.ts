// Enqueues analysis jobs. Agreement is debounced: a burst of submissions yields one recomputation, shortly
// after the last of them.
import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { computeAgreementJobSchema } from '@arbiter/contracts';
import { JOB, QUEUE } from './queue-connection';

export const AGREEMENT_DEBOUNCE_MS = 500;

@Injectable()
export class AnalysisProducer {
  constructor(@InjectQueue(QUEUE.analysis) private readonly queue: Queue) {}

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
