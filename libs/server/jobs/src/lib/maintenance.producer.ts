// Enqueues maintenance jobs and reads their state. Producers fail fast: a queue outage is an error now.
// Job ids that clients hold are uuids, never BullMQ's counter: the counter starts over if Redis loses its data,
// and a client would then read another job's state under an id it was given.
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import type { JobStatus } from '@arbiter/contracts';
import { isUuid, recountProjectJobSchema, refitRoutingJobSchema } from '@arbiter/contracts';
import { JOB, QUEUE } from './queue-connection';
import { failFast } from './queue-unavailable.error';

@Injectable()
export class MaintenanceProducer {
  constructor(@InjectQueue(QUEUE.maintenance) private readonly queue: Queue) {}

  /** One recount per project at a time: a second request while one is waiting or running joins it. */
  async recount(projectId: string): Promise<string> {
    const data = recountProjectJobSchema.parse({ projectId });
    const job = await failFast('recount', this.queue.add(JOB.recountProject, data, {
      jobId: randomUUID(),
      deduplication: { id: `recount-${projectId}` },
      attempts: 3,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: { age: 3600 },
      removeOnFail: { age: 24 * 3600 },
    }));
    return job.id as string;
  }

  /** One routing re-fit per project at a time: a second request while one is waiting or running joins it. */
  async refitRouting(projectId: string, requestedBy: string | null): Promise<string> {
    const data = refitRoutingJobSchema.parse({ projectId, requestedBy });
    const job = await failFast('routing re-fit', this.queue.add(JOB.refitRouting, data, {
      jobId: randomUUID(),
      deduplication: { id: `routing-refit-${projectId}` },
      attempts: 3,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: { age: 3600 },
      removeOnFail: { age: 24 * 3600 },
    }));
    return job.id as string;
  }

  /** The job's state, or null when it does not exist or belongs to another project. */
  async status(projectId: string, jobId: string): Promise<JobStatus | null> {
    if (!isUuid(jobId)) return null;
    const job = await failFast('job status', this.queue.getJob(jobId));
    if (!job || (job.data as { projectId?: string }).projectId !== projectId) return null;
    const state = await failFast('job status', job.getState());
    return {
      id: jobId,
      name: job.name,
      state,
      progress: typeof job.progress === 'number' ? job.progress : 0,
      failedReason: job.failedReason ?? null,
    };
  }
}
