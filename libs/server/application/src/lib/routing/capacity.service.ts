// Capacity pricing in the server (issue 10): with a reviewer budget set, the review price rises as the queue fills,
// so the budget goes to the predictions where a review saves the most expected cost (libs/domain/routing's
// capacityReviewCost). The readings are the open queue, the last hour's predictions and the min expected costs of
// the latest RECENT_SAMPLE predictions under the active policy (recomputed from their raw probabilities, so a new
// temperature or cost matrix prices with the new numbers at once). A request's own predictions count among the
// arrivals and the sample: a batch of 5,000 is priced against itself, not only against the hour before it.
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { RoutingCapacity } from '@arbiter/contracts';
import { calibrateProbs, capacityReviewCost, decide, type RoutingPolicy } from '@arbiter/domain/routing';
import { ProductionPredictionRepository, RoutingPolicyRepository, type CapacityReadings, type RoutingSettingsRow } from '@arbiter/server/data-access';

/** Recent predictions whose min expected costs set the price's quantile. */
export const RECENT_SAMPLE = 1000;

export const CAPACITY_OPTIONS = Symbol('CAPACITY_OPTIONS');
export interface CapacityOptions {
  /**
   * How long one api process reuses a project's readings on the decision path (they cost a scan of the last hour).
   * A request that opens reviews drops them, so the next one sees its own process's queue growth at once.
   */
  readingsTtlMs: number;
}
export const DEFAULT_CAPACITY_OPTIONS: CapacityOptions = { readingsTtlMs: 2000 };

interface Readings extends Omit<CapacityReadings, 'recentProbs'> {
  /** min_j expectedCosts[j] of the recent predictions under the policy version `policyVersion`. */
  recentMinCosts: number[];
  policyVersion: number;
  at: number;
}

/** The policy's bar for the expected-cost test: the re-fit's learned price when it has one, else the review cost. */
export const basePrice = (policy: RoutingPolicy) => policy.reviewPrice ?? policy.reviewCost;

/** What a review of this prediction would save: its cheapest expected cost of acting, calibrated as the policy says. */
export function minExpectedCost(policy: RoutingPolicy, probs: ArrayLike<number>): number {
  const { expectedCosts } = decide({ probs: calibrateProbs(probs, policy.temperature ?? 1, 'probs', policy.classBias), costMatrix: policy.costMatrix, reviewCost: policy.reviewCost });
  return Math.min(...expectedCosts);
}

@Injectable()
export class CapacityService {
  private readonly cache = new Map<string, Readings>();
  private readonly ttlMs: number;

  constructor(
    private readonly predictions: ProductionPredictionRepository,
    private readonly policies: RoutingPolicyRepository,
    @Optional() @Inject(CAPACITY_OPTIONS) options?: CapacityOptions,
  ) {
    this.ttlMs = (options ?? DEFAULT_CAPACITY_OPTIONS).readingsTtlMs;
  }

  /**
   * The review price for a request's predictions (their raw probabilities): the policy's review cost without a
   * budget; with one, the capacity price. Never infinite: with no room left it is the largest cost in the matrix,
   * above every expected cost, so nothing is routed on cost (rules, floors and audits still are).
   */
  async price(projectId: string, policy: RoutingPolicy, policyVersion: number, settings: RoutingSettingsRow, requestProbs: ArrayLike<number>[]): Promise<number> {
    if (settings.reviewBudgetPerHour === null) return basePrice(policy);
    const readings = await this.readings(projectId, policy, policyVersion, true);
    return this.priced(policy, settings, readings, requestProbs.map((p) => minExpectedCost(policy, p))).reviewCost;
  }

  /** Called after a request opened reviews: the queue grew, so the cached readings are stale. */
  reviewsOpened(projectId: string): void {
    this.cache.delete(projectId);
  }

  /** The pricing now, read fresh (the dashboard's figures). */
  async view(projectId: string, policy: RoutingPolicy, policyVersion: number): Promise<RoutingCapacity> {
    const [settings, readings] = await Promise.all([this.policies.settings(projectId), this.readings(projectId, policy, policyVersion, false)]);
    return this.priced(policy, settings, readings, []);
  }

  private async readings(projectId: string, policy: RoutingPolicy, policyVersion: number, cached: boolean): Promise<Readings> {
    const hit = this.cache.get(projectId);
    if (cached && hit && hit.policyVersion === policyVersion && Date.now() - hit.at < this.ttlMs) return hit;
    const read = await this.predictions.capacityReadings(projectId, RECENT_SAMPLE);
    const k = policy.costMatrix.length;
    const readings: Readings = {
      queueLength: read.queueLength,
      arrivalsPerHour: read.arrivalsPerHour,
      reservedPerHour: read.reservedPerHour,
      // Rows of another width predate a label added to the project: they say nothing about this policy's costs.
      recentMinCosts: read.recentProbs.filter((p) => p.length === k).map((p) => minExpectedCost(policy, p)),
      policyVersion,
      at: Date.now(),
    };
    this.cache.set(projectId, readings);
    return readings;
  }

  private priced(policy: RoutingPolicy, settings: RoutingSettingsRow, r: Readings, requestMinCosts: number[]): RoutingCapacity {
    const horizonHours = settings.slaMinutes === null ? 1 : settings.slaMinutes / 60;
    const arrivalsPerHour = r.arrivalsPerHour + requestMinCosts.length;
    const floor = basePrice(policy);
    const base = { queueLength: r.queueLength, arrivalsPerHour, reservedPerHour: r.reservedPerHour, horizonHours, policyReviewCost: floor, computedAt: new Date().toISOString() };
    if (settings.reviewBudgetPerHour === null) {
      return { ...base, budgetPerHour: null, reviewCost: floor, share: 1, forgoneCostPerHour: 0 };
    }
    const out = capacityReviewCost({
      reviewCost: floor,
      budgetPerHour: settings.reviewBudgetPerHour,
      reservedPerHour: r.reservedPerHour,
      arrivalsPerHour,
      queueLength: r.queueLength,
      horizonHours,
      recentMinExpectedCosts: requestMinCosts.length ? requestMinCosts.concat(r.recentMinCosts) : r.recentMinCosts,
    });
    const ceiling = Math.max(floor, ...policy.costMatrix.flat());
    return { ...base, budgetPerHour: settings.reviewBudgetPerHour, reviewCost: Math.min(out.reviewCost, ceiling), share: out.share, forgoneCostPerHour: out.forgoneCostPerHour };
  }
}
