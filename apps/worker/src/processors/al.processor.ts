// Active-learning jobs on the `active-learning` queue: scoring chunks of a round's pool (several workers share
// them) and the flow's parent that selects the batch and closes the round.
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { scoreChunkJobSchema, selectBatchJobSchema } from '@arbiter/contracts';
import { AlRoundService } from '@arbiter/server/application';
import { loadConfig } from '@arbiter/server/config';
import { JOB, QUEUE } from '@arbiter/server/jobs';
import { AlScoringService } from '../active-learning/al-scoring.service';
import { AlSelectionService } from '../active-learning/al-selection.service';
import { lastAttempt, parse } from './job-payload';

const config = loadConfig();

@Processor(QUEUE.al, {
  concurrency: config.AL_CONCURRENCY,
  // A crashed worker's chunk is picked up by another after about one lock period.
  lockDuration: config.QUEUE_LOCK_MS,
  stalledInterval: config.QUEUE_LOCK_MS,
  maxStalledCount: 3,
})
export class AlProcessor extends WorkerHost {
  constructor(
    private readonly rounds: AlRoundService,
    private readonly scoring: AlScoringService,
    private readonly selection: AlSelectionService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOB.scoreChunk: {
        const { roundId, chunk } = parse(scoreChunkJobSchema, job.data);
        return this.scoring.scoreChunk(roundId, chunk);
      }
      case JOB.selectBatch: {
        const { roundId } = parse(selectBatchJobSchema, job.data);
        try {
          const failures = Object.values(await job.getIgnoredChildrenFailures()).map(String);
          return await this.selection.select(roundId, failures, () => job.updateProgress({ roundId }));
        } catch (err) {
          if (lastAttempt(job, err)) await this.rounds.fail(roundId, `selection failed: ${(err as Error).message}`);
          throw err;
        }
      }
      default:
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  }
}
