import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Annotation, AnnotatorQuality, NextTasksResponse, UndoResponse } from '@arbiter/contracts';
import { Principal, TaskService } from '@arbiter/server/application';
import { CurrentPrincipal, CurrentProject } from '../auth/current.decorator';
import { ProjectRole } from '../auth/project-role.guard';
import { NextTasksDto, SubmitAnnotationDto } from '../common/dto';

type Ctx = { id: string };

@ApiTags('tasks')
@Controller('projects/:projectId')
export class TaskController {
  constructor(private readonly tasks: TaskService) {}

  /** The caller's held leases (renewed), then new ones until `count` are held. */
  @ProjectRole('annotator', { keys: 'refused' })
  @Post('tasks/next')
  @HttpCode(200)
  next(@CurrentProject() c: Ctx, @CurrentPrincipal() p: Principal, @Body() body: NextTasksDto): Promise<NextTasksResponse> {
    return this.tasks.next(c.id, p, body.count);
  }

  @ProjectRole('annotator', { keys: 'refused' })
  @Post('tasks/:itemId/skip')
  @HttpCode(204)
  skip(@CurrentProject() c: Ctx, @CurrentPrincipal() p: Principal, @Param('itemId') itemId: string): Promise<void> {
    return this.tasks.skip(c.id, p, itemId);
  }

  /** 201 with the stored annotation; 200 with the same annotation when the idempotency key was seen before. */
  @ProjectRole('annotator', { keys: 'refused' })
  @Post('annotations')
  async submit(
    @CurrentProject() c: Ctx,
    @CurrentPrincipal() p: Principal,
    @Body() body: SubmitAnnotationDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Annotation> {
    const { annotation, replayed } = await this.tasks.submit(c.id, p, body);
    void reply.status(replayed ? 200 : 201);
    return annotation;
  }

  @ProjectRole('annotator', { keys: 'refused' })
  @Post('annotations/undo')
  @HttpCode(200)
  undo(@CurrentProject() c: Ctx, @CurrentPrincipal() p: Principal): Promise<UndoResponse> {
    return this.tasks.undo(c.id, p);
  }

  /** Each member's labels and running accuracy on gold checks, and whether it pauses them. */
  @ProjectRole('owner')
  @Get('annotators')
  annotators(@CurrentProject() c: Ctx): Promise<AnnotatorQuality[]> {
    return this.tasks.annotators(c.id);
  }

  /** Lets a paused annotator work again; their accuracy counts checks from now on. */
  @ProjectRole('owner')
  @Post('annotators/:userId/resume')
  @HttpCode(204)
  resume(@CurrentProject() c: Ctx, @Param('userId') userId: string): Promise<void> {
    return this.tasks.resume(c.id, userId);
  }
}
