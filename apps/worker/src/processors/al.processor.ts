// Active-learning jobs: a trigger's request for a round, a round's training, scoring chunks of its pool (several
// workers share them) and the flow's parent that selects the batch and closes the round. The computing runs on the
// process's ML thread, so this event loop stays free to renew job locks and serve the other queues.
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { scoreChunkJobSchema, selectBatchJobSchema, startAlRoundJobSchema, trainModelJobSchema } from '@arbiter/contracts';
import { AlRoundService } from '@arbiter/server/application';
import { loadConfig } from '@arbiter/server/config';
import { JOB, QUEUE } from '@arbiter/server/jobs';
import { AlScoringService } from '../active-learning/al-scoring.service';
import { AlSelectionService } from '../active-learning/al-selection.service';
import { AlTrainingService } from '../active-learning/al-training.service';
import { lastAttempt, parse } from './job-payload';

const config = loadConfig();

@Processor(QUEUE.al, {
  concurrency: config.AL_CONCURRENCY,
  // A crashed worker's job is picked up by another after about one lock period.
  lockDuration: config.QUEUE_LOCK_MS,
  stalledInterval: config.QUEUE_LOCK_MS,
  maxStalledCount: 3,
})
export class AlProcessor extends WorkerHost {
  constructor(
    private readonly rounds: AlRoundService,
    private readonly training: AlTrainingService,
    private readonly scoring: AlScoringService,
    private readonly selection: AlSelectionService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOB.startAlRound: {
        const { projectId, trigger } = parse(startAlRoundJobSchema, job.data);
        return this.rounds.startTriggered(projectId, trigger);
      }
      case JOB.trainModel: {
        const { roundId } = parse(trainModelJobSchema, job.data);
        // Each status change is a progress event, which the api relays to the project's room.
        return this.closingOnLastFailure(job, roundId, 'training', () => this.training.train(roundId, () => job.updateProgress({ roundId })));
      }
      case JOB.scoreChunk: {
        const { roundId, chunk } = parse(scoreChunkJobSchema, job.data);
        return this.scoring.scoreChunk(roundId, chunk);
      }
      case JOB.selectBatch: {
        const { roundId } = parse(selectBatchJobSchema, job.data);
        const failures = Object.values(await job.getIgnoredChildrenFailures()).map(String);
        return this.closingOnLastFailure(job, roundId, 'selection', () => this.selection.select(roundId, failures, () => job.updateProgress({ roundId })));
      }
      default:
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  }

  /** A step's last failed attempt closes its round as failed, saying why (a failed chunk is the selection's to report). */
  private async closingOnLastFailure<T>(job: Job, roundId: string, step: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (lastAttempt(job, err)) await this.rounds.fail(roundId, `${step} failed: ${(err as Error).message}`);
      throw err;
    }
  }
}
