// Maintenance jobs: thin handlers that parse the payload and call one application service.
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { recountProjectJobSchema, refitRoutingJobSchema } from '@arbiter/contracts';
import { ProjectStatsService, RoutingRefitService } from '@arbiter/server/application';
import { JOB, QUEUE } from '@arbiter/server/jobs';

@Processor(QUEUE.maintenance)
export class MaintenanceProcessor extends WorkerHost {
  constructor(
    private readonly stats: ProjectStatsService,
    private readonly routingRefit: RoutingRefitService,
  ) {
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
      case JOB.refitRouting: {
        const parsed = refitRoutingJobSchema.safeParse(job.data);
        if (!parsed.success) throw new UnrecoverableError(`bad payload: ${parsed.error.message}`);
        const outcome = await this.routingRefit.refit(parsed.data.projectId, parsed.data.requestedBy);
        await job.updateProgress(100);
        return outcome;
      }
      default:
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  }
}
