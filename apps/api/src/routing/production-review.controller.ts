import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ClaimProductionReviewsResponse, PredictionDecision, ProductionReviewPage, Role } from '@arbiter/contracts';
import { Principal, ProductionReviewService } from '@arbiter/server/application';
import { CurrentPrincipal, CurrentProject } from '../auth/current.decorator';
import { ProjectRole } from '../auth/project-role.guard';
import { ClaimProductionReviewsDto, ListProductionReviewsQueryDto, ProductionVerdictDto } from '../common/dto';

type Ctx = { id: string; role: Role };

@ApiTags('production-reviews')
@Controller('projects/:projectId/production-reviews')
export class ProductionReviewController {
  constructor(private readonly reviews: ProductionReviewService) {}

  /** Routed predictions, oldest first, with their probabilities, costs and why they were routed. */
  @ProjectRole('reviewer')
  @Get()
  list(@CurrentProject() c: Ctx, @Query() q: ListProductionReviewsQueryDto, @CurrentPrincipal() p: Principal): Promise<ProductionReviewPage> {
    return this.reviews.page(c.id, q, p, c.role);
  }

  /** Renews the caller's leases and claims the oldest free reviews (filtered by model version and label) up to `count`. */
  @ProjectRole('reviewer', { keys: 'refused' })
  @Post('claim')
  @HttpCode(200)
  claim(@CurrentProject() c: Ctx, @Body() body: ClaimProductionReviewsDto, @CurrentPrincipal() p: Principal): Promise<ClaimProductionReviewsResponse> {
    return this.reviews.claim(c.id, body, p, c.role);
  }

  /** Accept the model's label, correct it, or reject the input; once per review. */
  @ProjectRole('reviewer', { keys: 'refused' })
  @Post(':reviewId/verdict')
  @HttpCode(200)
  verdict(@CurrentProject() c: Ctx, @Param('reviewId') reviewId: string, @Body() body: ProductionVerdictDto, @CurrentPrincipal() p: Principal): Promise<PredictionDecision> {
    return this.reviews.verdict(c.id, reviewId, body, p, c.role);
  }
}
