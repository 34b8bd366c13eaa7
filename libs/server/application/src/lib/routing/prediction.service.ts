// Production predictions in, decisions out (issue 10): each prediction is routed by the project's active policy
// (libs/domain/routing's routePrediction), recorded with its review in one transaction, and answered at once.
// Idempotent by the client's prediction id: a retry gets the stored decision; another body under that id is a 409.
import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { EscalationRecord, PredictionDecision, PredictionRequest, RouteReasonView } from '@arbiter/contracts';
import { routePrediction, type RoutingPolicy } from '@arbiter/domain/routing';
import { ProductionPredictionRepository, RoutingPolicyRepository, type NewDecision, type StoredDecision } from '@arbiter/server/data-access';
import type { Principal } from '../auth/principal';
import { InFlightLimit } from '../common/in-flight-limit';
import { ProjectEvents } from '../projects/project-events';
import { ArbiterError, ErrorCode, invalid, notFound } from '../errors/arbiter.error';
import { CapacityService } from './capacity.service';
import { type Neighbour, SimilarCaseService } from './similar-case.service';
import { asBadRequest } from './routing-errors';
import { defaultRoutingPolicy, RoutingPolicyService } from './routing-policy.service';

/** JSON with object keys sorted, so a retry whose keys come in another order hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function requestHash(req: PredictionRequest): string {
  return createHash('sha256').update(canonical(req)).digest('hex');
}

export const PREDICTION_OPTIONS = Symbol('PREDICTION_OPTIONS');
export interface PredictionOptions {
  /** Prediction requests (single or batch) one api process decides at once; more are answered 429 OVERLOADED. */
  maxInFlight: number;
}
export const DEFAULT_PREDICTION_OPTIONS: PredictionOptions = { maxInFlight: 64 };

@Injectable()
export class PredictionService {
  // Past the limit a request is refused before anything is read or written, so a 429 never leaves a decision
  // behind, and a retry with the same prediction ids is decided as if it were the first.
  private readonly inFlight: InFlightLimit;

  constructor(
    private readonly policies: RoutingPolicyRepository,
    private readonly routing: RoutingPolicyService,
    private readonly predictions: ProductionPredictionRepository,
    private readonly capacity: CapacityService,
    private readonly events: ProjectEvents,
    private readonly similar: SimilarCaseService,
    @Optional() @Inject(PREDICTION_OPTIONS) options?: PredictionOptions,
  ) {
    this.inFlight = new InFlightLimit((options ?? DEFAULT_PREDICTION_OPTIONS).maxInFlight);
  }

  async one(projectId: string, req: PredictionRequest, principal: Principal): Promise<PredictionDecision> {
    return (await this.limited(() => this.decideAll(projectId, [req], principal, (_i, field) => field)))[0];
  }

  /** All or nothing: a bad prediction refuses the batch with a 4xx naming `predictions.<index>.<field>`. */
  batch(projectId: string, reqs: PredictionRequest[], principal: Principal): Promise<PredictionDecision[]> {
    return this.limited(() => this.decideAll(projectId, reqs, principal, (i, field) => `predictions.${i}${field ? `.${field}` : ''}`));
  }

  /** Under a policy with similar-case routing, each request's nearest reviewed predictions of its model (by embedding). */
  private async neighbours(projectId: string, policy: RoutingPolicy, reqs: PredictionRequest[]): Promise<(Neighbour[] | undefined)[]> {
    const out: (Neighbour[] | undefined)[] = reqs.map(() => undefined);
    const sc = policy.similarCases;
    if (!sc) return out;
    const byModel = new Map<string, number[]>();
    reqs.forEach((r, i) => {
      if (!r.item.embedding) return;
      const indexes = byModel.get(r.model.name);
      if (indexes) indexes.push(i);
      else byModel.set(r.model.name, [i]);
    });
    for (const [model, indexes] of byModel) {
      const found = await this.similar.nearest(projectId, model, indexes.map((i) => reqs[i].item.embedding ?? null), sc.k);
      indexes.forEach((i, j) => (out[i] = found[j]));
    }
    return out;
  }

  private limited<T>(work: () => Promise<T>): Promise<T> {
    return this.inFlight.run('decisions', work, (limit) => {
      throw new ArbiterError(ErrorCode.Overloaded, `this server is deciding ${limit} prediction requests already; retry in a second with the same prediction ids`).retryAfter(1);
    });
  }

  async get(projectId: string, predictionId: string): Promise<PredictionDecision> {
    const [stored, labels] = await Promise.all([this.predictions.find(projectId, predictionId), this.routing.labelNames(projectId)]);
    if (!stored) throw notFound('prediction');
    return toView(stored, labels);
  }

  private async decideAll(
    projectId: string,
    reqs: PredictionRequest[],
    principal: Principal,
    at: (index: number, field: string) => string,
  ): Promise<PredictionDecision[]> {
    const context = await this.policies.decisionContext(projectId);
    if (!context) throw notFound('project');
    const { labels, settings } = context;
    // The default policy is stored as version 1 by the first decision made under it, so every decision names a
    // stored version (a later label added to the project does not silently change what version 1 meant).
    const stored = context.policy ?? (await this.policies.activeOrStore(projectId, defaultRoutingPolicy(labels.length)));
    const policy = stored.policy as RoutingPolicy;
    if (policy.costMatrix.length !== labels.length) {
      // Labels were appended after the policy was set: deciding on a partial cost matrix would be a guess.
      const message = `routing policy version ${stored.version} covers ${policy.costMatrix.length} labels and the project has ${labels.length}; set a policy for all of them`;
      throw new ArbiterError(ErrorCode.Conflict, message);
    }
    const shadow = settings.shadowMode;
    // With a reviewer budget, the price of a review rises as the queue fills (one price for the whole request, whose
    // predictions are priced with the recent ones; probabilities of the wrong width are refused below).
    const priceable = reqs.filter((r) => r.probs.length === labels.length).map((r) => r.probs);
    const reviewCost = await this.capacity.price(projectId, policy, stored.version, settings, priceable);

    const neighbours = await this.neighbours(projectId, policy, reqs);

    const first = new Map<string, number>();
    const rows: NewDecision[] = [];
    // The request index of each row (rows hold one per distinct prediction id), for error paths.
    const requestIndex: number[] = [];
    reqs.forEach((req, i) => {
      const hash = requestHash(req);
      const seen = first.get(req.predictionId);
      if (seen !== undefined) {
        if (rows[seen].requestHash !== hash) throw reused(at(i, 'predictionId'), req.predictionId);
        return;
      }
      if (req.probs.length !== labels.length) {
        throw invalid(at(i, 'probs'), `must hold ${labels.length} probabilities, one per label of the project`);
      }
      const metadata = req.item.metadata ?? {};
      const route = asBadRequest(at(i, ''), () => routePrediction({ policy, predictionId: req.predictionId, probs: req.probs, metadata, reviewCost, neighbours: neighbours[i] }));
      first.set(req.predictionId, rows.length);
      requestIndex.push(i);
      rows.push({
        clientPredictionId: req.predictionId,
        requestHash: hash,
        itemId: req.item.itemId ?? null,
        itemText: req.item.text ?? null,
        itemMetadata: metadata,
        modelName: req.model.name,
        modelVersion: req.model.version,
        probs: req.probs,
        embedding: req.item.embedding ?? null,
        calibratedProbs: route.calibratedProbs,
        expectedCosts: route.expectedCosts,
        reviewCost: route.reviewCost,
        label: route.label,
        decidedAction: route.action,
        shadow,
        reasons: route.reasons as RouteReasonView[],
        policyVersion: stored.version,
        reviewId: route.action === 'review' && !shadow ? randomUUID() : null,
      });
    });
    const by = principal.kind === 'user' ? { userId: principal.userId } : { keyId: principal.keyId };
    const out = await this.predictions.record(projectId, rows, by, shadow ? null : settings.slaMinutes);
    const indexOf = (row: number) => requestIndex[row];
    if (out.kind === 'missing-items') {
      const errors = out.indexes.map((row) => ({ path: at(indexOf(row), 'item.itemId'), message: 'no such item in this project' }));
      throw new ArbiterError(ErrorCode.Validation, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
    }
    if (out.kind === 'conflict') throw reused(at(indexOf(out.index), 'predictionId'), rows[out.index].clientPredictionId);
    if (rows.some((r) => r.reviewId !== null)) this.capacity.reviewsOpened(projectId);
    // Reviewers' screens claim again when told; a retry opened nothing and tells nobody.
    if (out.opened > 0) this.events.productionReviewsOpened({ projectId, opened: out.opened });
    const byId = new Map(out.decisions.map((d) => [d.clientPredictionId, d]));
    return reqs.map((r) => toView(byId.get(r.predictionId) as StoredDecision, labels));
  }
}

function reused(path: string, predictionId: string): ArbiterError {
  const message = `prediction id "${predictionId}" was already used with another body`;
  return new ArbiterError(ErrorCode.IdempotencyKeyReused, `${path}: ${message}`, [{ path, message }]);
}

export function toView(d: StoredDecision, labels: string[]): PredictionDecision {
  const actedOnExpiry = d.escalation === 'act';
  return {
    predictionId: d.clientPredictionId,
    action: d.shadow || actedOnExpiry ? 'act' : d.decidedAction,
    label: d.label,
    labelName: labels[d.label] ?? String(d.label),
    reviewId: d.reviewId,
    decidedAction: d.decidedAction,
    shadow: d.shadow,
    calibratedProbs: d.calibratedProbs,
    expectedCosts: d.expectedCosts,
    reviewCost: d.reviewCost,
    reasons: d.reasons,
    policyVersion: d.policyVersion,
    decidedAt: d.createdAt,
    verdict: d.verdict === null ? null : { verdict: d.verdict, label: d.verdictLabel, decidedAt: d.decidedAt as string },
    reviewDeadline: d.reviewDeadline,
    escalation: escalationOf(d),
  };
}

export function escalationOf(d: StoredDecision): EscalationRecord | null {
  return d.escalation === null ? null : { action: d.escalation, at: d.escalatedAt as string };
}
