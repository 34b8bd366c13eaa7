import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { PredictionBatchResponse, PredictionDecision } from '@arbiter/contracts';
import { PredictionService, Principal } from '@arbiter/server/application';
import { CurrentPrincipal, CurrentProject } from '../auth/current.decorator';
import { ProjectRole } from '../auth/project-role.guard';
import { PredictionBatchDto, PredictionDto } from '../common/dto';

type Ctx = { id: string };

// Production services (service keys), and engineers trying the policy out; nobody else.
@ApiTags('predictions')
@Controller('projects/:projectId/predictions')
export class PredictionController {
  constructor(private readonly predictions: PredictionService) {}

  /** Decides at once: act on a label, or held for review; a retry with the same prediction id gets the same answer. */
  @ProjectRole('engineer', { service: true })
  @Post()
  @HttpCode(200)
  one(@CurrentProject() c: Ctx, @Body() body: PredictionDto, @CurrentPrincipal() p: Principal): Promise<PredictionDecision> {
    return this.predictions.one(c.id, body, p);
  }

  /** Up to 5,000 predictions, all decided or none. */
  @ProjectRole('engineer', { service: true })
  @Post('batch')
  @HttpCode(200)
  async batch(@CurrentProject() c: Ctx, @Body() body: PredictionBatchDto, @CurrentPrincipal() p: Principal): Promise<PredictionBatchResponse> {
    return { decisions: await this.predictions.batch(c.id, body.predictions, p) };
  }

  /** The decision, and the reviewer's verdict once there is one (production services poll this). */
  @ProjectRole('engineer', { service: true })
  @Get(':predictionId')
  get(@CurrentProject() c: Ctx, @Param('predictionId') predictionId: string): Promise<PredictionDecision> {
    return this.predictions.get(c.id, predictionId);
  }
}
