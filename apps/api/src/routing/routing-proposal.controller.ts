import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { RoutingPolicyView, RoutingProposalList } from '@arbiter/contracts';
import { Principal, RoutingProposalService } from '@arbiter/server/application';
import { CurrentPrincipal, CurrentProject } from '../auth/current.decorator';
import { ProjectRole } from '../auth/project-role.guard';

type Ctx = { id: string };

@ApiTags('routing')
@Controller('projects/:projectId/routing')
export class RoutingProposalController {
  constructor(private readonly proposals: RoutingProposalService) {}

  /** Re-fits the temperature and review price on the project's verdicts, on a worker; poll `jobs/:jobId`. */
  @ProjectRole('engineer')
  @Post('refit')
  @HttpCode(202)
  refit(@CurrentProject() c: Ctx, @CurrentPrincipal() p: Principal): Promise<{ jobId: string; reviewedPredictions: number }> {
    return this.proposals.requestRefit(c.id, p);
  }

  /** Every proposal, newest first, with its held-out evaluation and cost curves. */
  @ProjectRole('reviewer')
  @Get('proposals')
  list(@CurrentProject() c: Ctx): Promise<RoutingProposalList> {
    return this.proposals.list(c.id);
  }

  /** A person approves: the proposal's policy becomes the next version. */
  @ProjectRole('engineer', { keys: 'refused' })
  @Post('proposals/:proposalId/approve')
  @HttpCode(200)
  approve(@CurrentProject() c: Ctx, @Param('proposalId') proposalId: string, @CurrentPrincipal() p: Principal): Promise<RoutingPolicyView> {
    return this.proposals.approve(c.id, proposalId, p);
  }
}
