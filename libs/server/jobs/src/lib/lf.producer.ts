// Enqueues labeling-function work. Changes (an LF saved, items imported, a run finished) schedule a debounced
// `schedule-lf` job; that job opens a run and adds it as a BullMQ flow: one child job per chunk of items and
// a parent that runs once every chunk is done, closing the run and fitting the label model.
//
// Fairness between projects: a chunk's priority is its index within its run (1 = first), so every run's first
// chunks come before any run's later ones. A project with one chunk saved while another's 50-chunk run is
// under way waits for at most the chunks already running, not for the other 49. Priorities work the same on
// BullMQ's Redis and PostgreSQL backends (open-source BullMQ has no groups); unprioritised jobs (scheduling,
// a run's parent) go before every chunk, so runs close as soon as their last chunk is done.
import { Injectable, Logger } from '@nestjs/common';
import { InjectFlowProducer, InjectQueue } from '@nestjs/bullmq';
import { FlowProducer, PRIORITY_LIMIT, Queue } from 'bullmq';
import { applyLfChunkJobSchema, finishLfRunJobSchema, scheduleLfJobSchema } from '@arbiter/contracts';
import { JOB, QUEUE } from './queue-connection';

export const LF_SCHEDULE_DEBOUNCE_MS = 300;
export const LF_FLOW_PRODUCER = 'lf-flow';

/** The parent job of a run's flow has this id, so a run's flow can be found (or found missing). */
export const lfRunJobId = (runId: string) => `lf-run-${runId}`;

/** BullMQ priority of a run's chunk: its position in the run (1 is served first). */
export const lfChunkPriority = (chunk: number) => Math.min(chunk + 1, PRIORITY_LIMIT);

@Injectable()
export class LfProducer {
  private readonly logger = new Logger('LfProducer');

  constructor(
    @InjectQueue(QUEUE.lf) private readonly queue: Queue,
    @InjectFlowProducer(LF_FLOW_PRODUCER) private readonly flows: FlowProducer,
  ) {}

  /** For callers whose change is committed: a queue outage is logged, and the next change schedules again. */
  afterChange(projectId: string): void {
    this.schedule(projectId).catch((err) => this.logger.warn(`LF run not scheduled for ${projectId}: ${err}`));
  }

  async schedule(projectId: string): Promise<void> {
    const data = scheduleLfJobSchema.parse({ projectId });
    await this.queue.add(JOB.scheduleLf, data, {
      delay: LF_SCHEDULE_DEBOUNCE_MS,
      deduplication: { id: `lf-schedule-${projectId}`, ttl: LF_SCHEDULE_DEBOUNCE_MS, extend: true, replace: true },
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { count: 100 },
      removeOnFail: { age: 24 * 3600 },
    });
  }

  /**
   * Adds a run's flow. Chunk jobs retry with backoff; one that still fails is recorded as an ignored
   * dependency, so the parent always runs and can mark the run failed with the chunk's reason. Chunks are
   * prioritised by their index in the run (see above).
   */
  async addRun(projectId: string, runId: string, chunks: number[]): Promise<void> {
    await this.flows.add({
      name: JOB.finishLfRun,
      queueName: QUEUE.lf,
      data: finishLfRunJobSchema.parse({ projectId, runId }),
      opts: { jobId: lfRunJobId(runId), attempts: 5, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { count: 100 }, removeOnFail: { age: 7 * 24 * 3600 } },
      children: chunks.map((chunk) => ({
        name: JOB.applyLfChunk,
        queueName: QUEUE.lf,
        data: applyLfChunkJobSchema.parse({ projectId, runId, chunk }),
        opts: {
          jobId: `lf-run-${runId}-${chunk}`,
          priority: lfChunkPriority(chunk),
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
          ignoreDependencyOnFailure: true,
          removeOnComplete: { count: 1000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    });
  }

  /** Refits the label model without new votes (an LF was disabled, say). */
  async fit(projectId: string): Promise<void> {
    await this.queue.add(JOB.finishLfRun, finishLfRunJobSchema.parse({ projectId, runId: null }), {
      deduplication: { id: `lf-fit-${projectId}` },
      attempts: 3,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { count: 100 },
      removeOnFail: { age: 24 * 3600 },
    });
  }

  /** Whether the run's flow is still queued (its parent job exists and has not failed). */
  async runQueued(runId: string): Promise<boolean> {
    const job = await this.queue.getJob(lfRunJobId(runId));
    if (!job) return false;
    const state = await job.getState();
    return state !== 'failed' && state !== 'unknown';
  }
}
