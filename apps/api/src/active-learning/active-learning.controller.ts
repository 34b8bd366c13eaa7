import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SOCKET_EVENTS, type ActiveLearningSettingsView, type AlRound, type AlRoundList, type LearningCurve, type ModelList } from '@arbiter/contracts';
import { ActiveLearningService } from '@arbiter/server/application';
import { CurrentProject } from '../auth/current.decorator';
import { ProjectRole } from '../auth/project-role.guard';
import { UpdateActiveLearningSettingsDto } from '../common/dto';
import { ProjectGateway } from '../realtime/project.gateway';

type Ctx = { id: string };

@ApiTags('active learning')
@Controller('projects/:projectId')
export class ActiveLearningController {
  constructor(
    private readonly al: ActiveLearningService,
    private readonly gateway: ProjectGateway,
  ) {}

  /** The strategy, batch size, model, retraining policy, the seed, and the test split it is evaluated on. */
  @ProjectRole('annotator')
  @Get('active-learning/settings')
  settings(@CurrentProject() c: Ctx): Promise<ActiveLearningSettingsView> {
    return this.al.settings(c.id);
  }

  /** Any subset of the settings (`retrain` as a whole); the next round uses them. */
  @ProjectRole('engineer')
  @Patch('active-learning/settings')
  updateSettings(@CurrentProject() c: Ctx, @Body() body: UpdateActiveLearningSettingsDto): Promise<ActiveLearningSettingsView> {
    return this.al.updateSettings(c.id, body);
  }

  /** Trains, scores the pool and selects the next batch now: 202 with the queued round, 409 while one is in flight. */
  @ProjectRole('engineer')
  @Post('active-learning/rounds')
  @HttpCode(202)
  async startRound(@CurrentProject() c: Ctx): Promise<AlRound> {
    const round = await this.al.startRound(c.id);
    this.gateway.toProject(c.id, SOCKET_EVENTS.alRound, { projectId: c.id, round });
    return round;
  }

  /** The latest rounds, newest first, with their status and progress. */
  @ProjectRole('annotator')
  @Get('active-learning/rounds')
  async rounds(@CurrentProject() c: Ctx): Promise<AlRoundList> {
    return { rounds: await this.al.recentRounds(c.id) };
  }

  /** Accuracy and macro-F1 on the evaluation slice per model version, against the labels it learned from. */
  @ProjectRole('annotator')
  @Get('active-learning/curve')
  curve(@CurrentProject() c: Ctx): Promise<LearningCurve> {
    return this.al.curve(c.id);
  }

  /** Every model version, newest first, with its metrics. */
  @ProjectRole('annotator')
  @Get('models')
  async models(@CurrentProject() c: Ctx): Promise<ModelList> {
    return { models: await this.al.modelVersions(c.id) };
  }
}
