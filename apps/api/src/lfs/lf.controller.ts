import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SOCKET_EVENTS, type Lf, type LfListResponse, type LfPreviewResponse, type LfRun, type LfVersion, type WeakLabelPage } from '@arbiter/contracts';
import { LfService, Principal } from '@arbiter/server/application';
import { CurrentPrincipal, CurrentProject } from '../auth/current.decorator';
import { ProjectRole } from '../auth/project-role.guard';
import { CreateLfDto, LfPreviewDto, UpdateLfDto, WeakLabelsQueryDto } from '../common/dto';
import { ProjectGateway } from '../realtime/project.gateway';

type Ctx = { id: string };

@ApiTags('labeling functions')
@Controller('projects/:projectId')
export class LfController {
  constructor(
    private readonly lfs: LfService,
    private readonly gateway: ProjectGateway,
  ) {}

  /** Every LF with Snorkel's analysis from the latest fit, the label model and the latest run. */
  @ProjectRole('reviewer')
  @Get('lfs')
  list(@CurrentProject() c: Ctx): Promise<LfListResponse> {
    return this.lfs.list(c.id);
  }

  /** Saves an LF as version 1; workers apply it to every item and refit the label model. */
  @ProjectRole('engineer')
  @Post('lfs')
  async create(@CurrentProject() c: Ctx, @Body() body: CreateLfDto, @CurrentPrincipal() p: Principal): Promise<Lf> {
    const lf = await this.lfs.create(c.id, body, p);
    this.gateway.toProject(c.id, SOCKET_EVENTS.lfs, { projectId: c.id, reason: 'changed' });
    return lf;
  }

  /** Tries an unsaved definition on a sample of up to 10,000 items: votes, coverage, accuracy on gold. */
  @ProjectRole('engineer')
  @Post('lfs/preview')
  @HttpCode(200)
  preview(@CurrentProject() c: Ctx, @Body() body: LfPreviewDto): Promise<LfPreviewResponse> {
    return this.lfs.preview(c.id, body);
  }

  @ProjectRole('reviewer')
  @Get('lfs/:lfId')
  get(@CurrentProject() c: Ctx, @Param('lfId') lfId: string): Promise<Lf> {
    return this.lfs.get(c.id, lfId);
  }

  /** Renames, describes, enables or disables in place; a new definition becomes the next version. */
  @ProjectRole('engineer')
  @Patch('lfs/:lfId')
  async update(@CurrentProject() c: Ctx, @Param('lfId') lfId: string, @Body() body: UpdateLfDto, @CurrentPrincipal() p: Principal): Promise<Lf> {
    const lf = await this.lfs.update(c.id, lfId, body, p);
    this.gateway.toProject(c.id, SOCKET_EVENTS.lfs, { projectId: c.id, reason: 'changed' });
    return lf;
  }

  /** Every version of an LF, newest first, with its author and any error it hit. */
  @ProjectRole('reviewer')
  @Get('lfs/:lfId/versions')
  versions(@CurrentProject() c: Ctx, @Param('lfId') lfId: string): Promise<LfVersion[]> {
    return this.lfs.versions(c.id, lfId);
  }

  /** Applies now whatever awaits votes (runs also start by themselves after changes and imports). */
  @ProjectRole('engineer')
  @Post('lf-runs')
  @HttpCode(202)
  run(@CurrentProject() c: Ctx): Promise<{ run: LfRun | null }> {
    return this.lfs.requestRun(c.id);
  }

  /** The label model's probabilistic labels, filtered by confidence or LF conflict, a keyset page at a time. */
  @ProjectRole('reviewer')
  @Get('weak-labels')
  weakLabels(@CurrentProject() c: Ctx, @Query() q: WeakLabelsQueryDto): Promise<WeakLabelPage> {
    return this.lfs.weakLabels(c.id, q);
  }
}
