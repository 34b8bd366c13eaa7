// Strategy replays: re-run the active-learning loop on the project's own labeled items, per strategy and seed, to
// compare strategies on this project's data before choosing one.
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SOCKET_EVENTS, type Replay } from '@arbiter/contracts';
import { Principal, ReplayService } from '@arbiter/server/application';
import { CurrentPrincipal, CurrentProject } from '../auth/current.decorator';
import { ProjectRole } from '../auth/project-role.guard';
import { ProjectGateway } from '../realtime/project.gateway';
import { CreateReplayDto } from './replay.dto';

type Ctx = { id: string };

@ApiTags('active learning')
@Controller('projects/:projectId/active-learning/replays')
export class ReplayController {
  constructor(
    private readonly replays: ReplayService,
    private readonly gateway: ProjectGateway,
  ) {}

  /** Queues a replay of the chosen strategies, several seeds each; progress arrives as `project:al-replay`. */
  @ProjectRole('engineer')
  @Post()
  @HttpCode(202)
  async create(@CurrentProject() c: Ctx, @Body() body: CreateReplayDto, @CurrentPrincipal() p: Principal): Promise<Replay> {
    const replay = await this.replays.create(c.id, body, p);
    this.gateway.toProject(c.id, SOCKET_EVENTS.replay, { projectId: c.id, replay });
    return replay;
  }

  /** The project's replays, most recent first. */
  @ProjectRole('annotator')
  @Get()
  list(@CurrentProject() c: Ctx): Promise<{ replays: Replay[] }> {
    return this.replays.list(c.id);
  }

  @ProjectRole('annotator')
  @Get(':replayId')
  get(@CurrentProject() c: Ctx, @Param('replayId') replayId: string): Promise<Replay> {
    return this.replays.get(c.id, replayId);
  }
}
