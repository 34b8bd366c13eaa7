// Tells open dashboards when a worker has stored a new agreement report (works on either queue backend).
import { OnQueueEvent, QueueEventsHost, QueueEventsListener } from '@nestjs/bullmq';
import { SOCKET_EVENTS } from '@arbiter/contracts';
import { QUEUE } from '@arbiter/server/jobs';
import { ProjectGateway } from './project.gateway';

@QueueEventsListener(QUEUE.analysis)
export class AnalysisEventsListener extends QueueEventsHost {
  constructor(private readonly gateway: ProjectGateway) {
    super();
  }

  @OnQueueEvent('completed')
  onCompleted({ returnvalue }: { jobId: string; returnvalue: unknown }): void {
    const value = typeof returnvalue === 'string' ? safeParse(returnvalue) : returnvalue;
    const projectId = (value as { projectId?: unknown } | null)?.projectId;
    if (typeof projectId === 'string') {
      this.gateway.toProject(projectId, SOCKET_EVENTS.agreement, { projectId, computedAt: new Date().toISOString() });
    }
  }
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
