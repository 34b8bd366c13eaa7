import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { JobStatus } from '@arbiter/contracts';
import { notFound } from '@arbiter/server/application';
import { MaintenanceProducer } from '@arbiter/server/jobs';
import { CurrentProject } from '../auth/current.decorator';
import { ProjectRole } from '../auth/project-role.guard';

type Ctx = { id: string };

@ApiTags('jobs')
@Controller('projects/:projectId')
export class JobController {
  constructor(private readonly maintenance: MaintenanceProducer) {}

  /** Rebuilds the project's counters from its tables on a worker (repair after manual edits). */
  @ProjectRole('owner')
  @Post('recount')
  @HttpCode(202)
  async recount(@CurrentProject() c: Ctx): Promise<{ jobId: string }> {
    return { jobId: await this.maintenance.recount(c.id) };
  }

  @ProjectRole('engineer')
  @Get('jobs/:jobId')
  async status(@CurrentProject() c: Ctx, @Param('jobId') jobId: string): Promise<JobStatus> {
    const s = await this.maintenance.status(c.id, jobId);
    if (!s) throw notFound('job');
    return s;
  }
}
