import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ModelLineage } from '@arbiter/contracts';
import { SnapshotService } from '@arbiter/server/application';
import { CurrentProject } from '../auth/current.decorator';
import { ProjectRole } from '../auth/project-role.guard';
import { ModelLineageQueryDto, PutModelLineageDto } from '../common/dto';

type Ctx = { id: string };

// A retraining pipeline records which snapshot a production model version was trained on; reviewers see it on
// the decisions that model made.
@ApiTags('routing')
@Controller('projects/:projectId/routing/model-lineage')
export class ModelLineageController {
  constructor(private readonly snapshots: SnapshotService) {}

  @ProjectRole('engineer')
  @Put()
  put(@CurrentProject() c: Ctx, @Body() body: PutModelLineageDto): Promise<ModelLineage> {
    return this.snapshots.putModelLineage(c.id, body);
  }

  @ProjectRole('reviewer')
  @Get()
  get(@CurrentProject() c: Ctx, @Query() q: ModelLineageQueryDto): Promise<ModelLineage> {
    return this.snapshots.modelLineage(c.id, q);
  }
}
