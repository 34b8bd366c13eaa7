// Pushes a replay to its project's room whenever its job reports progress (a strategy × seed stored), finishes or
// fails. The job's id is the replay's id, so every event names the row to read.
import { Logger } from '@nestjs/common';
import { OnQueueEvent, QueueEventsHost, QueueEventsListener } from '@nestjs/bullmq';
import { isUuid, SOCKET_EVENTS } from '@arbiter/contracts';
import { toReplay } from '@arbiter/server/application';
import { ReplayRepository } from '@arbiter/server/data-access';
import { QUEUE } from '@arbiter/server/jobs';
import { ProjectGateway } from './project.gateway';

@QueueEventsListener(QUEUE.replay)
export class ReplayEventsListener extends QueueEventsHost {
  private readonly logger = new Logger('ReplayEventsListener');

  constructor(
    private readonly gateway: ProjectGateway,
    private readonly replays: ReplayRepository,
  ) {
    super();
  }

  @OnQueueEvent('progress')
  onProgress({ jobId }: { jobId: string }): void {
    this.push(jobId);
  }

  @OnQueueEvent('completed')
  onCompleted({ jobId }: { jobId: string }): void {
    this.push(jobId);
  }

  @OnQueueEvent('failed')
  onFailed({ jobId }: { jobId: string }): void {
    this.push(jobId);
  }

  private push(replayId: string): void {
    if (!isUuid(replayId)) return;
    this.replays
      .byId(replayId)
      .then((row) => row && this.gateway.toProject(row.projectId, SOCKET_EVENTS.replay, { projectId: row.projectId, replay: toReplay(row) }))
      .catch((err) => this.logger.warn(`replay progress not sent: ${err}`));
  }
}
