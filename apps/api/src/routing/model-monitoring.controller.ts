import { Body, Controller, Get, HttpCode, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ModelMonitoring, ModelVersionList } from '@arbiter/contracts';
import { ModelMonitoringService } from '@arbiter/server/application';
import { CurrentProject } from '../auth/current.decorator';
import { ProjectRole } from '../auth/project-role.guard';
import { ModelReferenceDto, MonitoringQueryDto } from '../common/dto';

type Ctx = { id: string };

@ApiTags('routing')
@Controller('projects/:projectId/routing')
export class ModelMonitoringController {
  constructor(private readonly monitoring: ModelMonitoringService) {}

  /** The model versions that posted predictions (name, version, count, last seen), for choosing one to monitor. */
  @ProjectRole('reviewer')
  @Get('models')
  listModels(@CurrentProject() c: Ctx): Promise<ModelVersionList> {
    return this.monitoring.listModels(c.id);
  }

  /** One model version's escalation and overturn rates, reliability, error per class, drift and alerts. */
  @ProjectRole('reviewer')
  @Get('monitoring')
  get(@CurrentProject() c: Ctx, @Query() q: MonitoringQueryDto): Promise<ModelMonitoring> {
    return this.monitoring.get(c.id, q);
  }

  /** What a model version was trained on, the reference its drift is measured against (replaces an earlier one). */
  // Engineers (or their project keys, e.g. a training job's); not the service role, which only posts predictions and
  // reads verdicts.
  @ProjectRole('engineer')
  @Put('model-references')
  @HttpCode(204)
  async putReference(@CurrentProject() c: Ctx, @Body() body: ModelReferenceDto): Promise<void> {
    await this.monitoring.putReference(c.id, body);
  }
}
