import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Project, ProjectStats } from '@arbiter/contracts';
import { Principal, ProjectService, ProjectStatsService } from '@arbiter/server/application';
import { CurrentPrincipal, CurrentProject } from '../auth/current.decorator';
import { ProjectRole } from '../auth/project-role.guard';
import { SignedIn } from '../auth/signed-in.decorator';
import { CreateProjectDto, UpdateProjectDto } from '../common/dto';

type Ctx = { id: string; role: Project['myRole'] };

@ApiTags('projects')
@Controller('projects')
export class ProjectController {
  constructor(
    private readonly projects: ProjectService,
    private readonly stats: ProjectStatsService,
  ) {}

  @SignedIn()
  @Get()
  list(@CurrentPrincipal() p: Principal): Promise<Project[]> {
    return this.projects.list(p);
  }

  @SignedIn({ keys: 'refused' })
  @Post()
  create(@Body() body: CreateProjectDto, @CurrentPrincipal() p: Principal): Promise<Project> {
    return this.projects.create(body, p);
  }

  @ProjectRole('annotator')
  @Get(':projectId')
  get(@CurrentProject() c: Ctx): Promise<Project> {
    return this.projects.get(c.id, c.role);
  }

  @ProjectRole('owner')
  @Patch(':projectId')
  update(@CurrentProject() c: Ctx, @Body() body: UpdateProjectDto): Promise<Project> {
    return this.projects.update(c.id, c.role, body);
  }

  /** Counts per status, annotator and label, from maintained counters. */
  @ProjectRole('annotator')
  @Get(':projectId/stats')
  getStats(@CurrentProject() c: Ctx): Promise<ProjectStats> {
    return this.stats.stats(c.id);
  }
}
