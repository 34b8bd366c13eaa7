// Enqueues analysis jobs. Agreement is debounced with a maximum wait: a burst of submissions yields one
// recomputation shortly after the last of them, and steady submissions one at least every AGREEMENT_MAX_WAIT_MS
// (a plain debounce would postpone it for as long as they keep arriving).
import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { computeAgreementJobSchema } from '@arbiter/contracts';
import { loadConfig } from '@arbiter/server/config';
import { JOB, QUEUE } from './queue-connection';

export interface DebounceTiming {
  debounceMs: number;
  maxWaitMs: number;
}

/**
 * When the pending recomputation should run, given when it was first asked for (`firstAt`, or none pending):
 * `debounceMs` after now, but not later than `maxWaitMs` after the first request.
 */
export function debounceDelay(now: number, firstAt: number | null, t: DebounceTiming): number {
  if (firstAt === null) return t.debounceMs;
  return Math.max(0, Math.min(t.debounceMs, firstAt + t.maxWaitMs - now));
}

@Injectable()
export class AnalysisProducer {
  private readonly logger = new Logger('AnalysisProducer');
  private readonly timing: DebounceTiming;

  constructor(@InjectQueue(QUEUE.analysis) private readonly queue: Queue) {
    const config = loadConfig();
    this.timing = { debounceMs: config.AGREEMENT_DEBOUNCE_MS, maxWaitMs: config.AGREEMENT_MAX_WAIT_MS };
  }

  /**
   * For callers whose change is already committed: a queue outage is logged, never thrown, because it must not
   * turn a stored label into an error (the next change schedules the recomputation again).
   */
  afterChange(projectId: string): void {
    this.scheduleAgreement(projectId).catch((err) => this.logger.warn(`agreement not scheduled for ${projectId}: ${err}`));
  }

  async scheduleAgreement(projectId: string): Promise<void> {
    const data = computeAgreementJobSchema.parse({ projectId });
    const deduplicationId = `agreement-${projectId}`;
    // A waiting job keeps its creation time while `reschedule` moves it, so it tells when the wait began; once it
    // has started, this change is for the follow-up job, whose wait begins now.
    const pendingId = await this.queue.getDeduplicationJobId(deduplicationId);
    const pending = pendingId ? await this.queue.getJob(pendingId) : undefined;
    const firstAt = pending && !pending.processedOn ? pending.timestamp : null;
    await this.queue.add(JOB.computeAgreement, data, {
      delay: debounceDelay(Date.now(), firstAt, this.timing),
      // One job per project waits at a time; a change while it runs queues exactly one more, so none is missed.
      deduplication: { id: deduplicationId, reschedule: true, keepLastIfActive: true },
      attempts: 3,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { count: 100 },
      removeOnFail: { age: 24 * 3600 },
    });
  }
}
