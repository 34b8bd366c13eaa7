// Enqueues strategy replays: one job per replay whose id is the replay's id, so a second enqueue of the same
// replay is a no-op and the api can tell a replay whose job was lost (Redis flushed, retries exhausted by stalls).
import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { runReplayJobSchema } from '@arbiter/contracts';
import { JOB, QUEUE } from './queue-connection';
import { failFast } from './queue-unavailable.error';

@Injectable()
export class ReplayProducer {
  constructor(@InjectQueue(QUEUE.replay) private readonly queue: Queue) {}

  async enqueue(projectId: string, replayId: string): Promise<void> {
    const data = runReplayJobSchema.parse({ projectId, replayId });
    await failFast(
      'replay',
      this.queue.add(JOB.runReplay, data, {
        jobId: replayId,
        // A crash or a thrown simulation is retried; the retry skips the runs already stored.
        attempts: 3,
        backoff: { type: 'exponential', delay: 5000 },
        removeOnComplete: { age: 7 * 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      }),
    );
  }

  /** Whether the replay's job is still waiting, delayed or running (false when it is gone, done or failed). */
  async pending(replayId: string): Promise<boolean> {
    const job = await failFast('replay status', this.queue.getJob(replayId));
    if (!job) return false;
    const state = await failFast('replay status', job.getState());
    return state !== 'failed' && state !== 'completed' && state !== 'unknown';
  }
}
