// Maintenance jobs: thin handlers that parse the payload and call one application service.
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { recountProjectJobSchema } from '@arbiter/contracts';
import { ProjectStatsService } from '@arbiter/server/application';
import { JOB, QUEUE } from '@arbiter/server/jobs';

@Processor(QUEUE.maintenance)
export class MaintenanceProcessor extends WorkerHost {
  constructor(private readonly stats: ProjectStatsService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOB.recountProject: {
        const parsed = recountProjectJobSchema.safeParse(job.data);
        if (!parsed.success) throw new UnrecoverableError(`bad payload: ${parsed.error.message}`);
        await this.stats.recount(parsed.data.projectId);
        await job.updateProgress(100);
        return { recounted: parsed.data.projectId };
      }
      default:
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  }
}
