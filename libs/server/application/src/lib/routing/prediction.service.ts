// Production predictions in, decisions out (issue 10): each prediction is routed by the project's active policy
// (libs/domain/routing's routePrediction), recorded with its review in one transaction, and answered at once.
// Idempotent by the client's prediction id: a retry gets the stored decision; another body under that id is a 409.
import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { PredictionDecision, PredictionRequest, RouteReasonView } from '@arbiter/contracts';
import { routePrediction, type RoutingPolicy } from '@arbiter/domain/routing';
import { ProductionPredictionRepository, RoutingPolicyRepository, type NewDecision, type StoredDecision } from '@arbiter/server/data-access';
import type { Principal } from '../auth/principal';
import { ArbiterError, ErrorCode, invalid, notFound } from '../errors/arbiter.error';
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

@Injectable()
export class PredictionService {
  constructor(
    private readonly policies: RoutingPolicyRepository,
    private readonly routing: RoutingPolicyService,
    private readonly predictions: ProductionPredictionRepository,
  ) {}

  async one(projectId: string, req: PredictionRequest, principal: Principal): Promise<PredictionDecision> {
    return (await this.decideAll(projectId, [req], principal, (_i, field) => field))[0];
  }

  /** All or nothing: a bad prediction refuses the batch with a 4xx naming `predictions.<index>.<field>`. */
  batch(projectId: string, reqs: PredictionRequest[], principal: Principal): Promise<PredictionDecision[]> {
    return this.decideAll(projectId, reqs, principal, (i, field) => `predictions.${i}${field ? `.${field}` : ''}`);
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
    const labels = await this.routing.labelNames(projectId);
    // The default policy is stored as version 1 by the first decision made under it, so every decision names a
    // stored version (a later label added to the project does not silently change what version 1 meant).
    const stored = await this.policies.activeOrStore(projectId, defaultRoutingPolicy(labels.length));
    const policy = stored.policy as RoutingPolicy;
    if (policy.costMatrix.length !== labels.length) {
      // Labels were appended after the policy was set: deciding on a partial cost matrix would be a guess.
      const message = `routing policy version ${stored.version} covers ${policy.costMatrix.length} labels and the project has ${labels.length}; set a policy for all of them`;
      throw new ArbiterError(ErrorCode.Conflict, message);
    }
    const shadow = await this.policies.shadowMode(projectId);

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
      const route = asBadRequest(at(i, ''), () => routePrediction({ policy, predictionId: req.predictionId, probs: req.probs, metadata }));
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
    const out = await this.predictions.record(projectId, rows, by);
    const indexOf = (row: number) => requestIndex[row];
    if (out.kind === 'missing-items') {
      const errors = out.indexes.map((row) => ({ path: at(indexOf(row), 'item.itemId'), message: 'no such item in this project' }));
      throw new ArbiterError(ErrorCode.Validation, errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
    }
    if (out.kind === 'conflict') throw reused(at(indexOf(out.index), 'predictionId'), rows[out.index].clientPredictionId);
    const byId = new Map(out.decisions.map((d) => [d.clientPredictionId, d]));
    return reqs.map((r) => toView(byId.get(r.predictionId) as StoredDecision, labels));
  }
}

function reused(path: string, predictionId: string): ArbiterError {
  const message = `prediction id "${predictionId}" was already used with another body`;
  return new ArbiterError(ErrorCode.IdempotencyKeyReused, `${path}: ${message}`, [{ path, message }]);
}

export function toView(d: StoredDecision, labels: string[]): PredictionDecision {
  return {
    predictionId: d.clientPredictionId,
    action: d.shadow ? 'act' : d.decidedAction,
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
  };
}
