// A project's routing policy: read the active version (or the default), store a new version, change the settings
// (shadow mode, applying re-fit proposals automatically).
import { Injectable } from '@nestjs/common';
import { DEFAULT_REVIEW_COST, ROUTING_POLICY_FORMAT } from '@arbiter/contracts';
import type { RoutingCapacity, RoutingPolicyDoc, RoutingPolicyView, RoutingSettings, UpdateRoutingSettings } from '@arbiter/contracts';
import { checkRoutingPolicy, type RoutingPolicy } from '@arbiter/domain/routing';
import { ProjectRepository, RoutingPolicyRepository } from '@arbiter/server/data-access';
import type { Principal } from '../auth/principal';
import { invalid, notFound } from '../errors/arbiter.error';
import { CapacityService } from './capacity.service';
import { asBadRequest } from './routing-errors';

/**
 * The policy of a project that has none: every wrong decision costs 1, a right one 0, and a review 0.2, so a
 * prediction is routed when the model's best label is wrong with probability above 0.2 (confidence below 0.8).
 */
export function defaultRoutingPolicy(labelCount: number): RoutingPolicyDoc {
  const costMatrix = Array.from({ length: labelCount }, (_, i) => Array.from({ length: labelCount }, (_, j) => (i === j ? 0 : 1)));
  return { schemaVersion: ROUTING_POLICY_FORMAT, costMatrix, reviewCost: DEFAULT_REVIEW_COST };
}

@Injectable()
export class RoutingPolicyService {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly policies: RoutingPolicyRepository,
    private readonly capacityPricing: CapacityService,
  ) {}

  async labelNames(projectId: string): Promise<string[]> {
    const p = await this.projects.get(projectId, 'owner');
    if (!p) throw notFound('project');
    return p.labelSchema.labels.map((l) => l.name);
  }

  async get(projectId: string): Promise<RoutingPolicyView> {
    const [stored, shadowMode, labels] = await Promise.all([this.policies.active(projectId), this.policies.shadowMode(projectId), this.labelNames(projectId)]);
    if (stored) return { version: stored.version, isDefault: false, policy: stored.policy, createdAt: stored.createdAt, shadowMode };
    return { version: null, isDefault: true, policy: defaultRoutingPolicy(labels.length), createdAt: null, shadowMode };
  }

  /** Stores the policy as the next version, after the domain's checks and against the project's label count. */
  async put(projectId: string, policy: RoutingPolicyDoc, principal: Principal): Promise<RoutingPolicyView> {
    const k = asBadRequest('', () => checkRoutingPolicy(policy));
    const labels = await this.labelNames(projectId);
    if (k !== labels.length) throw invalid('costMatrix', `must be ${labels.length} × ${labels.length}, one row and column per label of the project`);
    const by = principal.kind === 'user' ? { userId: principal.userId } : { keyId: principal.keyId };
    const stored = await this.policies.append(projectId, policy, by);
    return { version: stored.version, isDefault: false, policy: stored.policy, createdAt: stored.createdAt, shadowMode: await this.policies.shadowMode(projectId) };
  }

  async settings(projectId: string): Promise<RoutingSettings> {
    return this.policies.settings(projectId);
  }

  /** Changes the settings sent. A new SLA applies to reviews opened from now on; open ones keep their deadline. */
  async updateSettings(projectId: string, req: UpdateRoutingSettings): Promise<RoutingSettings> {
    return this.policies.updateSettings(projectId, req);
  }

  /** The capacity pricing now, under the active policy (the default one until a policy is stored). */
  async capacity(projectId: string): Promise<RoutingCapacity> {
    const view = await this.get(projectId);
    return this.capacityPricing.view(projectId, view.policy as RoutingPolicy, view.version ?? 0);
  }
}
