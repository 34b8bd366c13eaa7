// Routing proposals over HTTP: ask for a re-fit (a worker job), list the proposals with their evaluations, and
// approve one, which stores its policy as the next version.
import { Injectable } from '@nestjs/common';
import { isUuid, MIN_REFIT_REVIEWS, routingProposalSchema } from '@arbiter/contracts';
import type { RoutingPolicyView, RoutingProposal, RoutingProposalList } from '@arbiter/contracts';
import { RoutingProposalRepository, type StoredProposal } from '@arbiter/server/data-access';
import { MaintenanceProducer } from '@arbiter/server/jobs';
import type { Principal } from '../auth/principal';
import { ArbiterError, ErrorCode, notFound } from '../errors/arbiter.error';
import { RoutingPolicyService } from './routing-policy.service';

@Injectable()
export class RoutingProposalService {
  constructor(
    private readonly proposals: RoutingProposalRepository,
    private readonly routing: RoutingPolicyService,
    private readonly maintenance: MaintenanceProducer,
  ) {}

  /** Enqueues a re-fit; refused (409) while the project has too few verdicts to fit and judge a policy on. */
  async requestRefit(projectId: string, principal: Principal): Promise<{ jobId: string; reviewedPredictions: number }> {
    const reviewed = await this.proposals.countReviewed(projectId);
    if (reviewed < MIN_REFIT_REVIEWS) {
      throw new ArbiterError(ErrorCode.Conflict, `a re-fit needs ${MIN_REFIT_REVIEWS} reviewed predictions (accepted or corrected); the project has ${reviewed}`, undefined, {
        reviewedPredictions: reviewed,
        required: MIN_REFIT_REVIEWS,
      });
    }
    const requestedBy = principal.kind === 'user' ? principal.userId : null;
    return { jobId: await this.maintenance.refitRouting(projectId, requestedBy), reviewedPredictions: reviewed };
  }

  async list(projectId: string): Promise<RoutingProposalList> {
    return { proposals: (await this.proposals.list(projectId)).map(toView) };
  }

  /** The proposal's policy becomes the next version; approving an applied proposal again is a 409. */
  async approve(projectId: string, proposalId: string, principal: Principal): Promise<RoutingPolicyView> {
    if (!isUuid(proposalId)) throw notFound('proposal');
    const by = principal.kind === 'user' ? principal.userId : null;
    const outcome = await this.proposals.apply(projectId, proposalId, by);
    if (outcome.kind === 'not-found') throw notFound('proposal');
    if (outcome.kind === 'already-applied') {
      throw new ArbiterError(ErrorCode.Conflict, `the proposal is already policy version ${outcome.version}`, undefined, { version: outcome.version });
    }
    return this.routing.get(projectId);
  }
}

function toView(p: StoredProposal): RoutingProposal {
  const { fit, ...rest } = p;
  return routingProposalSchema.parse({ ...rest, ...fit });
}
