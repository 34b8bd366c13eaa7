import { Body, Controller, Get, Header, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import type { Datasheet, SnapshotDiff, SnapshotList, SnapshotManifest, SnapshotSettings, SnapshotView, SplitSettings } from '@arbiter/contracts';
import { parseVersion, type Principal, SnapshotService } from '@arbiter/server/application';
import { CurrentPrincipal, CurrentProject } from '../auth/current.decorator';
import { ProjectRole } from '../auth/project-role.guard';
import type { ArbiterRequest } from '../auth/request-context';
import { CreateSnapshotDto, PutSplitSettingsDto, SnapshotDiffQueryDto, SnapshotRowsQueryDto, SnapshotSettingsDto } from '../common/dto';

type Ctx = { id: string };

const userOf = (p: Principal) => (p.kind === 'user' ? p.userId : null);

// Reviewers and up read snapshots (a retraining job uses an engineer's or reviewer's key); engineers make them.
@ApiTags('snapshots')
@Controller('projects/:projectId')
export class SnapshotController {
  constructor(private readonly snapshots: SnapshotService) {}

  @ProjectRole('reviewer')
  @Get('split-settings')
  splitSettings(@CurrentProject() c: Ctx): Promise<SplitSettings> {
    return this.snapshots.splitSettings(c.id);
  }

  /** Ratios apply to items assigned from now on; the seed and group key are fixed once any item has a split. */
  @ProjectRole('owner')
  @Put('split-settings')
  putSplitSettings(@CurrentProject() c: Ctx, @Body() body: PutSplitSettingsDto): Promise<SplitSettings> {
    return this.snapshots.putSplitSettings(c.id, body);
  }

  @ProjectRole('reviewer')
  @Get('snapshot-settings')
  snapshotSettings(@CurrentProject() c: Ctx): Promise<SnapshotSettings> {
    return this.snapshots.snapshotSettings(c.id);
  }

  /** Replaces the triggers (a field left out is off). */
  @ProjectRole('engineer')
  @Put('snapshot-settings')
  putSnapshotSettings(@CurrentProject() c: Ctx, @Body() body: SnapshotSettingsDto): Promise<SnapshotSettings> {
    return this.snapshots.putSnapshotSettings(c.id, body);
  }

  @ProjectRole('reviewer')
  @Get('snapshots')
  list(@CurrentProject() c: Ctx): Promise<SnapshotList> {
    return this.snapshots.list(c.id);
  }

  /** Opens the next version; a worker builds it (watch `project:snapshot` or poll the version). */
  @ProjectRole('engineer')
  @Post('snapshots')
  @HttpCode(202)
  create(@CurrentProject() c: Ctx, @CurrentPrincipal() who: Principal, @Body() body: CreateSnapshotDto): Promise<SnapshotView> {
    return this.snapshots.create(c.id, body, userOf(who));
  }

  @ProjectRole('reviewer')
  @Get('snapshots/diff')
  diff(@CurrentProject() c: Ctx, @Query() q: SnapshotDiffQueryDto): Promise<SnapshotDiff> {
    return this.snapshots.diff(c.id, q.from, q.to);
  }

  @ProjectRole('reviewer')
  @Get('snapshots/:version')
  get(@CurrentProject() c: Ctx, @Param('version') version: string): Promise<SnapshotView> {
    return this.snapshots.get(c.id, parseVersion(version));
  }

  @ProjectRole('reviewer')
  @Get('snapshots/:version/manifest')
  manifest(@CurrentProject() c: Ctx, @Param('version') version: string): Promise<SnapshotManifest> {
    return this.snapshots.manifest(c.id, parseVersion(version));
  }

  @ProjectRole('reviewer')
  @Get('snapshots/:version/datasheet')
  datasheet(@CurrentProject() c: Ctx, @Param('version') version: string): Promise<Datasheet> {
    return this.snapshots.datasheet(c.id, parseVersion(version));
  }

  /** The rows, streamed; `cursor` skips rows already received; `If-None-Match` with the ETag answers 304. */
  @ProjectRole('reviewer')
  @Get('snapshots/:version/rows')
  @Header('Cache-Control', 'private, max-age=0, must-revalidate')
  @ApiProduces('application/x-ndjson', 'text/csv', 'application/vnd.apache.parquet')
  async rows(
    @CurrentProject() c: Ctx,
    @Param('version') version: string,
    @Query() q: SnapshotRowsQueryDto,
    @Req() req: ArbiterRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Readable | undefined> {
    const d = await this.snapshots.download(c.id, parseVersion(version), q);
    void reply.header('ETag', d.etag);
    if (req.headers['if-none-match'] === d.etag) {
      void reply.status(304);
      return undefined;
    }
    void reply.header('Content-Type', d.contentType).header('Content-Disposition', `attachment; filename="${d.filename}"`);
    return d.open();
  }

  /** Runs a failed build (or one whose worker died) again. */
  @ProjectRole('engineer')
  @Post('snapshots/:version/retry')
  @HttpCode(202)
  retry(@CurrentProject() c: Ctx, @Param('version') version: string): Promise<SnapshotView> {
    return this.snapshots.retry(c.id, parseVersion(version));
  }
}
