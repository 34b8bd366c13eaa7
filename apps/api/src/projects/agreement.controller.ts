import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AgreementResponse, ReviewPage } from '@arbiter/contracts';
import { AgreementService, Principal } from '@arbiter/server/application';
import { CurrentPrincipal, CurrentProject } from '../auth/current.decorator';
import { ProjectRole } from '../auth/project-role.guard';
import { ListReviewQueryDto, ReviewDecisionDto } from '../common/dto';

type Ctx = { id: string };

@ApiTags('agreement')
@Controller('projects/:projectId')
export class AgreementController {
  constructor(private readonly agreement: AgreementService) {}

  /** The latest report, recomputed by a worker shortly after each change; null until the first one. */
  @ProjectRole('reviewer')
  @Get('agreement')
  async report(@CurrentProject() c: Ctx): Promise<AgreementResponse> {
    return { report: await this.agreement.report(c.id) };
  }

  /** Items to adjudicate: annotators disagreed or consensus confidence is under the project's threshold. */
  @ProjectRole('reviewer')
  @Get('review')
  review(@CurrentProject() c: Ctx, @Query() q: ListReviewQueryDto): Promise<ReviewPage> {
    return this.agreement.reviewPage(c.id, q);
  }

  /** The reviewer's labels become the item's gold, recorded with who decided and when. */
  @ProjectRole('reviewer', { keys: 'refused' })
  @Post('review/:itemId/decision')
  @HttpCode(204)
  decide(@CurrentProject() c: Ctx, @Param('itemId') itemId: string, @Body() body: ReviewDecisionDto, @CurrentPrincipal() p: Principal): Promise<void> {
    return this.agreement.decide(c.id, itemId, body, p);
  }

  /** Changes an earlier decision (a mistyped key is not gold forever). */
  @ProjectRole('reviewer', { keys: 'refused' })
  @Put('review/:itemId/decision')
  @HttpCode(204)
  revise(@CurrentProject() c: Ctx, @Param('itemId') itemId: string, @Body() body: ReviewDecisionDto, @CurrentPrincipal() p: Principal): Promise<void> {
    return this.agreement.decide(c.id, itemId, body, p, true);
  }
}
