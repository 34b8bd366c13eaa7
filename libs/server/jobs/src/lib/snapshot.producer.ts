// Enqueues snapshot builds. The job id names the snapshot, so the api and the sweeper enqueuing one build twice make
// one job; a finished job of a snapshot still building (it failed, or its worker died past BullMQ's stall limit) is
// replaced. A build that dies with its worker is picked up again by BullMQ's stalled-job check, or by the sweeper.
import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { buildSnapshotJobSchema } from '@arbiter/contracts';
import { JOB, QUEUE } from './queue-connection';
import { failFast } from './queue-unavailable.error';

export const snapshotJobId = (snapshotId: string) => `snapshot-${snapshotId}`;

/** The snapshot a build job belongs to, from its id. */
export function snapshotOfJob(jobId: string | undefined): string | null {
  const m = /^snapshot-(\d+)$/.exec(jobId ?? '');
  return m ? m[1] : null;
}

@Injectable()
export class SnapshotProducer {
  constructor(@InjectQueue(QUEUE.snapshots) private readonly queue: Queue) {}

  /** Queues the build unless its job is waiting, delayed or running; returns whether it queued one. */
  async ensure(d: { projectId: string; snapshotId: string; version: number }): Promise<boolean> {
    const job = await failFast('snapshot build', this.queue.getJob(snapshotJobId(d.snapshotId)));
    if (job) {
      const state = await failFast('snapshot build', job.getState());
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return false;
      await failFast('snapshot build', job.remove());
    }
    const data = buildSnapshotJobSchema.parse({ projectId: d.projectId, snapshotId: d.snapshotId, version: d.version });
    await failFast('snapshot build', this.queue.add(JOB.buildSnapshot, data, {
      jobId: snapshotJobId(d.snapshotId),
      attempts: 3,
      backoff: { type: 'exponential', delay: 2000 },
      removeOnComplete: { age: 3600 },
      removeOnFail: { age: 7 * 24 * 3600 },
    }));
    return true;
  }
}
