// The re-fit itself, run by the worker: fit the temperature and the review price on a project's reviewed
// predictions (fitRoutingPolicy), store the proposal with its held-out evaluation, and apply it at once when the
// project says so.
import { Injectable } from '@nestjs/common';
import { REFIT_SPLIT_SEED, type RoutingPolicyDoc } from '@arbiter/contracts';
import { fitRoutingPolicy, MIN_REVIEWED_PREDICTIONS, RoutingError, type RoutingPolicy, type RoutingPolicyFit } from '@arbiter/domain/routing';
import { RoutingPolicyRepository, RoutingProposalRepository } from '@arbiter/server/data-access';

export type RefitOutcome =
  | { kind: 'proposed'; proposalId: string; appliedVersion: number | null }
  | { kind: 'skipped'; reason: string };

@Injectable()
export class RoutingRefitService {
  constructor(
    private readonly policies: RoutingPolicyRepository,
    private readonly proposals: RoutingProposalRepository,
  ) {}

  async refit(projectId: string, requestedBy: string | null): Promise<RefitOutcome> {
    const base = await this.policies.active(projectId);
    // Reviews exist only under a stored policy (the first decision stores the default), so none means no verdicts.
    if (!base) return { kind: 'skipped', reason: 'no routing policy has decided a prediction yet' };
    const reviewed = await this.proposals.reviewedPredictions(projectId);
    if (reviewed.length < MIN_REVIEWED_PREDICTIONS) {
      return { kind: 'skipped', reason: `${reviewed.length} reviewed predictions, a re-fit needs ${MIN_REVIEWED_PREDICTIONS}` };
    }
    let result: RoutingPolicyFit;
    try {
      result = fitRoutingPolicy({ policy: base.policy as RoutingPolicy, predictions: reviewed, seed: REFIT_SPLIT_SEED });
    } catch (err) {
      // E.g. a split that left one part under its minimum: nothing to propose, and retrying cannot change it.
      if (err instanceof RoutingError) return { kind: 'skipped', reason: `${err.path}: ${err.message}` };
      throw err;
    }
    const { policy, ...fit } = result;
    const stored = await this.proposals.insert(projectId, {
      baseVersion: base.version,
      policy: policy as RoutingPolicyDoc,
      // JSON writes the route-all threshold (Infinity) as null, as the contract reads it.
      fit,
      reviewedPredictions: reviewed.length,
      requestedBy,
    });
    const { autoApplyProposals } = await this.policies.settings(projectId);
    if (!autoApplyProposals) return { kind: 'proposed', proposalId: stored.id, appliedVersion: null };
    const applied = await this.proposals.apply(projectId, stored.id, null);
    return { kind: 'proposed', proposalId: stored.id, appliedVersion: applied.kind === 'not-found' ? null : applied.version };
  }
}
