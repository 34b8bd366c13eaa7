// Pushes active-learning round progress to open screens: every status change and scored chunk a worker reports (a
// progress update, a completed or failed job) becomes `project:al-round` with the round as stored. Each job's id
// names its round, so no job data needs reading.
import { Injectable, Logger } from '@nestjs/common';
import { OnQueueEvent, QueueEventsHost, QueueEventsListener } from '@nestjs/bullmq';
import { SOCKET_EVENTS, type AlRoundEvent } from '@arbiter/contracts';
import { toAlRound } from '@arbiter/server/application';
import { AlRoundRepository } from '@arbiter/server/data-access';
import { alRoundOfJob, QUEUE } from '@arbiter/server/jobs';
import { ProjectGateway } from './project.gateway';

@Injectable()
export class AlRoundPublisher {
  private readonly logger = new Logger('AlRoundPublisher');

  constructor(
    private readonly gateway: ProjectGateway,
    private readonly rounds: AlRoundRepository,
  ) {}

  /** Sends the round a job belongs to (by its id, or a start job's result) as it is stored now. */
  publish(jobId: string | undefined, returnvalue?: unknown): void {
    const value = (typeof returnvalue === 'string' ? safeParse(returnvalue) : returnvalue) as { roundId?: unknown } | null;
    const roundId = alRoundOfJob(jobId) ?? (typeof value?.roundId === 'string' ? value.roundId : null);
    if (!roundId) return;
    this.rounds
      .get(roundId)
      .then((row) => {
        if (!row) return;
        const event: AlRoundEvent = { projectId: row.projectId, round: toAlRound(row) };
        this.gateway.toProject(row.projectId, SOCKET_EVENTS.alRound, event);
      })
      .catch((err) => this.logger.warn(`round progress not sent: ${err}`));
  }
}

@QueueEventsListener(QUEUE.al)
export class AlEventsListener extends QueueEventsHost {
  constructor(private readonly publisher: AlRoundPublisher) {
    super();
  }

  @OnQueueEvent('progress')
  onProgress({ jobId }: { jobId: string }): void {
    this.publisher.publish(jobId);
  }

  @OnQueueEvent('completed')
  onCompleted({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }): void {
    this.publisher.publish(jobId, returnvalue);
  }

  @OnQueueEvent('failed')
  onFailed({ jobId }: { jobId: string }): void {
    this.publisher.publish(jobId);
  }
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
