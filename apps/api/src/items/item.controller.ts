import { Controller, Get, Header, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import type { Item, ItemPage, ImportReport } from '@arbiter/contracts';
import { ExportService, IngestService, ItemQueryService } from '@arbiter/server/application';
import { CurrentProject } from '../auth/current.decorator';
import { ProjectRole } from '../auth/project-role.guard';
import type { ArbiterRequest } from '../auth/request-context';
import { ExportQueryDto, ImportQueryDto, ListItemsQueryDto } from '../common/dto';

type Ctx = { id: string };

const declaredLength = (header: string | undefined) => (header && /^\d+$/.test(header) ? Number(header) : undefined);

@ApiTags('items')
@Controller('projects/:projectId')
export class ItemController {
  constructor(
    private readonly ingest: IngestService,
    private readonly exporter: ExportService,
    private readonly items: ItemQueryService,
  ) {}

  /** The request body is the file (CSV, JSON lines or a JSON array), streamed into PostgreSQL with COPY, within the upload limits. */
  @ProjectRole('engineer')
  @Post('imports')
  @HttpCode(200)
  @ApiConsumes('text/csv', 'application/x-ndjson', 'application/json', 'application/octet-stream')
  importFile(@CurrentProject() c: Ctx, @Query() q: ImportQueryDto, @Req() req: ArbiterRequest): Promise<ImportReport> {
    return this.ingest.importFile(c.id, q, { chunks: req.body as AsyncIterable<Uint8Array>, declaredBytes: declaredLength(req.headers['content-length']) });
  }

  @ProjectRole('reviewer')
  @Get('items')
  list(@CurrentProject() c: Ctx, @Query() q: ListItemsQueryDto): Promise<ItemPage> {
    return this.items.list(c.id, q);
  }

  @ProjectRole('reviewer')
  @Get('items/:itemId')
  get(@CurrentProject() c: Ctx, @Param('itemId') itemId: string): Promise<Item> {
    return this.items.get(c.id, itemId);
  }

  /** The current labels, streamed; the full snapshot system comes later. */
  @ProjectRole('engineer')
  @Get('export')
  @Header('Cache-Control', 'no-store')
  async export(@CurrentProject() c: Ctx, @Query() q: ExportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<Readable> {
    const stream = await this.exporter.stream(c.id, q.format);
    void reply
      .header('Content-Type', q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="project-${c.id}.${q.format}"`);
    return stream;
  }
}
