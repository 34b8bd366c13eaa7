// Strategy replays: one job per replay, run start to finish by one worker (a job at a time per worker: the
// simulations use every core). A retried job skips the runs already stored; its last attempt closes the replay as
// failed with the reason instead of throwing, so the api's completed event already sees the failure. A worker that
// stops mid-replay puts the job back without spending an attempt, for the next worker to resume.
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { runReplayJobSchema } from '@arbiter/contracts';
import { ReplayInterruptedError, ReplayRunService } from '@arbiter/server/application';
import { loadConfig } from '@arbiter/server/config';
import { JOB, QUEUE } from '@arbiter/server/jobs';

const config = loadConfig();

@Processor(QUEUE.replay, {
  concurrency: 1,
  lockDuration: config.QUEUE_LOCK_MS,
  stalledInterval: config.QUEUE_LOCK_MS,
  maxStalledCount: 3,
})
export class ReplayProcessor extends WorkerHost {
  constructor(private readonly runs: ReplayRunService) {
    super();
  }

  async process(job: Job, token?: string): Promise<unknown> {
    if (job.name !== JOB.runReplay) throw new UnrecoverableError(`unknown job ${job.name}`);
    const parsed = runReplayJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad payload: ${parsed.error.message}`);
    try {
      return await this.runs.run(parsed.data.replayId, {
        finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
        // The api reads the replay when it hears of progress and pushes it to the project's room.
        onProgress: async (replay) => job.updateProgress({ runsDone: replay.runsDone, runsTotal: replay.runsTotal }),
      });
    } catch (err) {
      if (!(err instanceof ReplayInterruptedError) || !token) throw err;
      await job.moveToDelayed(Date.now(), token);
      throw new DelayedError();
    }
  }
}
