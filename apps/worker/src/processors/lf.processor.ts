// Labeling-function jobs: scheduling runs, applying chunks (several workers share a run's chunks), and the
// parent that closes a run and fits the label model.
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { applyLfChunkJobSchema, finishLfRunJobSchema, scheduleLfJobSchema } from '@arbiter/contracts';
import { LfRunService } from '@arbiter/server/application';
import { loadConfig } from '@arbiter/server/config';
import { JOB, QUEUE } from '@arbiter/server/jobs';

const config = loadConfig();

@Processor(QUEUE.lf, {
  concurrency: config.LF_CONCURRENCY,
  // A crashed worker's chunk is picked up by another after about one lock period.
  lockDuration: config.QUEUE_LOCK_MS,
  stalledInterval: config.QUEUE_LOCK_MS,
  maxStalledCount: 3,
})
export class LfProcessor extends WorkerHost {
  constructor(private readonly runs: LfRunService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOB.scheduleLf:
        return this.runs.schedule(parse(scheduleLfJobSchema, job.data).projectId);
      case JOB.applyLfChunk: {
        const { runId, chunk } = parse(applyLfChunkJobSchema, job.data);
        const result = await this.runs.applyChunk(runId, chunk);
        await job.updateProgress(100);
        return result;
      }
      case JOB.finishLfRun: {
        const { projectId, runId } = parse(finishLfRunJobSchema, job.data);
        const failures = runId ? Object.values(await job.getIgnoredChildrenFailures()) : [];
        return this.runs.finish(projectId, runId, failures.map(String));
      }
      default:
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  }
}

function parse<T>(schema: { safeParse(d: unknown): { success: true; data: T } | { success: false; error: { message: string } } }, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new UnrecoverableError(`bad payload: ${parsed.error.message}`);
  return parsed.data;
}
