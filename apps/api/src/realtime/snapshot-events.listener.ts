// Pushes snapshot builds to open screens: each progress report of a build job (phase, rows hashed) and its end
// become `project:snapshot`. The job's progress carries the project and version, so nothing needs reading.
import { Injectable } from '@nestjs/common';
import { OnQueueEvent, QueueEventsHost, QueueEventsListener } from '@nestjs/bullmq';
import { SOCKET_EVENTS, snapshotEventSchema } from '@arbiter/contracts';
import { QUEUE } from '@arbiter/server/jobs';
import { ProjectGateway } from './project.gateway';

@Injectable()
@QueueEventsListener(QUEUE.snapshots)
export class SnapshotEventsListener extends QueueEventsHost {
  constructor(private readonly gateway: ProjectGateway) {
    super();
  }

  @OnQueueEvent('progress')
  onProgress({ data }: { data: unknown }): void {
    this.forward(data);
  }

  @OnQueueEvent('completed')
  onCompleted({ returnvalue }: { returnvalue: unknown }): void {
    this.forward(typeof returnvalue === 'string' ? safeParse(returnvalue) : returnvalue);
  }

  private forward(data: unknown): void {
    const event = snapshotEventSchema.safeParse(data);
    if (event.success) this.gateway.toProject(event.data.projectId, SOCKET_EVENTS.snapshot, event.data);
  }
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
