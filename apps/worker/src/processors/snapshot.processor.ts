// Snapshot builds: one build per run, reporting its phase as job progress (the api forwards it to the project's
// room). A build that throws is retried by BullMQ; after the last attempt the snapshot is marked failed.
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { buildSnapshotJobSchema, type SnapshotEvent } from '@arbiter/contracts';
import { SnapshotBuildService } from '@arbiter/server/application';
import { loadConfig } from '@arbiter/server/config';
import { JOB, QUEUE } from '@arbiter/server/jobs';
import { parse } from './job-payload';

const config = loadConfig();

// A build whose worker died is picked up by another after about one lock period (its transaction rolled back).
@Processor(QUEUE.snapshots, { concurrency: 1, lockDuration: config.QUEUE_LOCK_MS, stalledInterval: config.QUEUE_LOCK_MS, maxStalledCount: 3 })
export class SnapshotProcessor extends WorkerHost {
  constructor(private readonly builds: SnapshotBuildService) {
    super();
  }

  async process(job: Job): Promise<SnapshotEvent> {
    if (job.name !== JOB.buildSnapshot) throw new UnrecoverableError(`unknown job ${job.name}`);
    const { projectId, snapshotId, version } = parse(buildSnapshotJobSchema, job.data);
    let lastSent = 0;
    try {
      const view = await this.builds.build(projectId, snapshotId, (phase, done, total) => {
        // At most a few reports a second: hashing reports per chunk.
        const now = Date.now();
        if (phase === 'hashing' && done < total && now - lastSent < 250) return;
        lastSent = now;
        // The Parquet files are written after the snapshot is complete (downloads convert on the fly until then).
        const status = phase === 'parquet' ? 'complete' : 'building';
        void job.updateProgress({ projectId, version, status, phase, done, total } satisfies SnapshotEvent).catch(() => undefined);
      });
      return { projectId, version: view.version, status: 'complete', phase: null, done: view.rowCount ?? 0, total: view.rowCount ?? 0 };
    } catch (err) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError) await this.builds.fail(snapshotId, err);
      throw err;
    }
  }
}
