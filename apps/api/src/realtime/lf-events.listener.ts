// Pushes LF run progress and refreshed LF stats to open screens as workers finish chunks and fits.
import { Logger } from '@nestjs/common';
import { OnQueueEvent, QueueEventsHost, QueueEventsListener } from '@nestjs/bullmq';
import { SOCKET_EVENTS } from '@arbiter/contracts';
import { toRun } from '@arbiter/server/application';
import { LfRepository } from '@arbiter/server/data-access';
import { QUEUE } from '@arbiter/server/jobs';
import { ProjectGateway } from './project.gateway';

interface LfJobResult {
  projectId?: unknown;
  runId?: unknown;
  labelModelId?: unknown;
}

@QueueEventsListener(QUEUE.lf)
export class LfEventsListener extends QueueEventsHost {
  private readonly logger = new Logger('LfEventsListener');

  constructor(
    private readonly gateway: ProjectGateway,
    private readonly lfs: LfRepository,
  ) {
    super();
  }

  @OnQueueEvent('completed')
  onCompleted({ returnvalue }: { jobId: string; returnvalue: unknown }): void {
    const value = (typeof returnvalue === 'string' ? safeParse(returnvalue) : returnvalue) as LfJobResult | null;
    const projectId = value?.projectId;
    if (typeof projectId !== 'string') return;
    if (typeof value?.runId === 'string') {
      this.lfs
        .run(value.runId)
        .then((run) => run && this.gateway.toProject(projectId, SOCKET_EVENTS.lfRun, { projectId, run: toRun(run) }))
        .catch((err) => this.logger.warn(`run progress not sent: ${err}`));
    }
    if (typeof value?.labelModelId === 'string') {
      this.gateway.toProject(projectId, SOCKET_EVENTS.lfs, { projectId, reason: 'fitted' });
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
