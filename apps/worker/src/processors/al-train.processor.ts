// Active-learning jobs on the `al-train` queue: a trigger's request for a round, and a round's training. Training
// holds the CPU for its whole length (TensorFlow.js runs synchronously), so this queue's lock is AL_TRAIN_LOCK_MS
// rather than QUEUE_LOCK_MS: the lock cannot be renewed while a model trains.
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { startAlRoundJobSchema, trainModelJobSchema } from '@arbiter/contracts';
import { AlRoundService } from '@arbiter/server/application';
import { loadConfig } from '@arbiter/server/config';
import { JOB, QUEUE } from '@arbiter/server/jobs';
import { AlTrainingService } from '../active-learning/al-training.service';
import { lastAttempt, parse } from './job-payload';

const config = loadConfig();

@Processor(QUEUE.alTrain, {
  concurrency: 1,
  lockDuration: config.AL_TRAIN_LOCK_MS,
  stalledInterval: config.AL_TRAIN_LOCK_MS,
  maxStalledCount: 2,
})
export class AlTrainProcessor extends WorkerHost {
  constructor(
    private readonly rounds: AlRoundService,
    private readonly training: AlTrainingService,
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
        try {
          // Each status change is a progress event, which the api relays to the project's room.
          return await this.training.train(roundId, () => job.updateProgress({ roundId }));
        } catch (err) {
          if (lastAttempt(job, err)) await this.rounds.fail(roundId, `training failed: ${(err as Error).message}`);
          throw err;
        }
      }
      default:
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  }
}
