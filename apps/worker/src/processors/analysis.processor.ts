// Analysis jobs: agreement, consensus and the review queue of a project, recomputed after changes.
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { computeAgreementJobSchema } from '@arbiter/contracts';
import { AgreementService } from '@arbiter/server/application';
import { JOB, QUEUE } from '@arbiter/server/jobs';

@Processor(QUEUE.analysis)
export class AnalysisProcessor extends WorkerHost {
  constructor(private readonly agreement: AgreementService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JOB.computeAgreement: {
        const parsed = computeAgreementJobSchema.safeParse(job.data);
        if (!parsed.success) throw new UnrecoverableError(`bad payload: ${parsed.error.message}`);
        return this.agreement.compute(parsed.data.projectId);
      }
      default:
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  }
}
