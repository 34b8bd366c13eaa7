// Enqueues active-learning work on the `active-learning` queue. A trigger (new labels, an LF change, the schedule)
// adds a `start-al-round` job, deduplicated per project so concurrent triggers open one round; a round's training
// is one job, and its scoring a BullMQ flow: one child per chunk of the pool and a parent that selects the batch
// once every chunk is done.
// Every job of a round has an id made of the round's id, so a retried step never enqueues its work twice and
// anyone holding a job id (the api's progress listener) knows the round.
import { Injectable, Logger } from '@nestjs/common';
import { InjectFlowProducer, InjectQueue } from '@nestjs/bullmq';
import { FlowProducer, PRIORITY_LIMIT, Queue } from 'bullmq';
import { scoreChunkJobSchema, selectBatchJobSchema, startAlRoundJobSchema, trainModelJobSchema, type StartAlRoundJob } from '@arbiter/contracts';
import { JOB, QUEUE } from './queue-connection';
import { failFast } from './queue-unavailable.error';

export const AL_FLOW_PRODUCER = 'al-flow';

export const alTrainJobId = (roundId: string) => `al-train-${roundId}`;
export const alSelectJobId = (roundId: string) => `al-select-${roundId}`;
export const alScoreJobId = (roundId: string, chunk: number) => `al-score-${roundId}-${chunk}`;
export const alScheduleId = (projectId: string) => `al-schedule-${projectId}`;

const ROUND_JOB = /^al-(?:train|select|score)-([0-9a-f-]{36})(?:-\d+)?$/;

/** The round a job belongs to, read from its id; null for other jobs. */
export function alRoundOfJob(jobId: string | undefined): string | null {
  return jobId ? (ROUND_JOB.exec(jobId)?.[1] ?? null) : null;
}

const RETRIES = { attempts: 3, backoff: { type: 'exponential', delay: 1000 } };

@Injectable()
export class AlProducer {
  private readonly logger = new Logger('AlProducer');

  constructor(
    @InjectQueue(QUEUE.al) private readonly queue: Queue,
    @InjectFlowProducer(AL_FLOW_PRODUCER) private readonly flows: FlowProducer,
  ) {}

  /** For callers whose change is committed (a label, an LF fit): a queue outage is logged, never thrown. */
  afterTrigger(projectId: string, trigger: StartAlRoundJob['trigger']): void {
    this.requestRound(projectId, trigger).catch((err) => this.logger.warn(`active-learning round not requested for ${projectId}: ${err}`));
  }

  /** Asks a worker to open a round; while one such request waits or runs, more for the project join it. */
  async requestRound(projectId: string, trigger: StartAlRoundJob['trigger']): Promise<void> {
    await failFast(
      'active-learning round',
      this.queue.add(JOB.startAlRound, startAlRoundJobSchema.parse({ projectId, trigger }), {
        deduplication: { id: `al-start-${projectId}` },
        ...RETRIES,
        removeOnComplete: { count: 100 },
        removeOnFail: { age: 24 * 3600 },
      }),
    );
  }

  /** Queues an opened round's training. */
  async queueTraining(projectId: string, roundId: string): Promise<void> {
    await failFast(
      'active-learning training',
      this.queue.add(JOB.trainModel, trainModelJobSchema.parse({ projectId, roundId }), {
        jobId: alTrainJobId(roundId),
        ...RETRIES,
        removeOnComplete: { count: 100 },
        removeOnFail: { age: 7 * 24 * 3600 },
      }),
    );
  }

  /**
   * Adds the round's scoring flow. A chunk that still fails after its retries is an ignored dependency, so the
   * selection always runs and can close the round as failed with the chunk's reason. Chunks are prioritised by
   * their index (every round's first chunks first), as LF runs are.
   */
  async queueScoring(projectId: string, roundId: string, chunks: number[]): Promise<void> {
    await this.flows.add({
      name: JOB.selectBatch,
      queueName: QUEUE.al,
      data: selectBatchJobSchema.parse({ projectId, roundId }),
      opts: { jobId: alSelectJobId(roundId), ...RETRIES, removeOnComplete: { count: 100 }, removeOnFail: { age: 7 * 24 * 3600 } },
      children: chunks.map((chunk) => ({
        name: JOB.scoreChunk,
        queueName: QUEUE.al,
        data: scoreChunkJobSchema.parse({ projectId, roundId, chunk }),
        opts: {
          jobId: alScoreJobId(roundId, chunk),
          priority: Math.min(chunk + 1, PRIORITY_LIMIT),
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
          ignoreDependencyOnFailure: true,
          removeOnComplete: { count: 1000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    });
  }

  /** Whether a job of the round still waits, runs or is retried (its training, or its selection). */
  async roundQueued(roundId: string): Promise<boolean> {
    for (const id of [alTrainJobId(roundId), alSelectJobId(roundId)]) {
      const job = await this.queue.getJob(id);
      if (!job) continue;
      const state = await job.getState();
      if (state !== 'failed' && state !== 'completed' && state !== 'unknown') return true;
    }
    return false;
  }

  /** Starts a round every `everyMinutes` (a BullMQ job scheduler per project), or stops doing so (null). */
  async schedule(projectId: string, everyMinutes: number | null): Promise<void> {
    if (everyMinutes === null) {
      await failFast('active-learning schedule', this.queue.removeJobScheduler(alScheduleId(projectId)));
      return;
    }
    await failFast(
      'active-learning schedule',
      this.queue.upsertJobScheduler(
        alScheduleId(projectId),
        // The first round comes one period from now, not at once.
        { every: everyMinutes * 60_000, startDate: Date.now() + everyMinutes * 60_000 },
        {
          name: JOB.startAlRound,
          data: startAlRoundJobSchema.parse({ projectId, trigger: 'schedule' }),
          opts: { removeOnComplete: { count: 10 }, removeOnFail: { age: 24 * 3600 } },
        },
      ),
    );
  }
}
