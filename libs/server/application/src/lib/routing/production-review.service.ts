// Reviewers' side of the production review loop: the queue of routed predictions, leases on it (claimed as the
// annotation queue's tasks are, for the project's lease time), and one verdict per review.
import { Injectable } from '@nestjs/common';
import { isUuid, ROLE_RANK, type Escalation, type Role } from '@arbiter/contracts';
import type {
  ClaimProductionReviews,
  ClaimProductionReviewsResponse,
  ListProductionReviewsQuery,
  PredictionDecision,
  ProductionReview,
  ProductionReviewPage,
  ProductionVerdictRequest,
} from '@arbiter/contracts';
import { ProductionReviewRepository, ProjectRepository, type StoredReview } from '@arbiter/server/data-access';
import { AnalysisProducer, WebhookProducer } from '@arbiter/server/jobs';
import type { Principal } from '../auth/principal';
import { ArbiterError, ErrorCode, forbidden, invalid, notFound } from '../errors/arbiter.error';
import { escalationOf, toView } from './prediction.service';
import { RoutingPolicyService } from './routing-policy.service';
import { SimilarCaseService } from './similar-case.service';
import { verdictWebhookBody } from './webhook.service';

const CLAIM_DEFAULT = 10;

@Injectable()
export class ProductionReviewService {
  constructor(
    private readonly reviews: ProductionReviewRepository,
    private readonly projects: ProjectRepository,
    private readonly routing: RoutingPolicyService,
    private readonly analysis: AnalysisProducer,
    private readonly webhooks: WebhookProducer,
    private readonly similar: SimilarCaseService,
  ) {}

  /** Reviewers see the reviewers' pool; engineers and owners also the senior pool (reviews escalated past their SLA). */
  async page(projectId: string, q: ListProductionReviewsQuery, principal: Principal, role: Role): Promise<ProductionReviewPage> {
    if (q.label !== undefined) checkLabel(q.label, await this.routing.labelNames(projectId));
    const filters = { modelVersion: q.modelVersion, label: q.label };
    const { rows, cursor } = await this.reviews.page(projectId, q.status, q.after, q.limit, isSenior(role), filters);
    return { reviews: rows.map((r) => toReview(r, principal)), cursor };
  }

  /** The caller's held reviews (renewed), topped up to `count` with the oldest free ones that pass the filters. */
  async claim(projectId: string, req: ClaimProductionReviews, principal: Principal, role: Role): Promise<ClaimProductionReviewsResponse> {
    if (principal.kind !== 'user') throw forbidden('API keys cannot review; sign in as a reviewer');
    const project = await this.projects.get(projectId, role);
    if (!project) throw notFound('project');
    if (req.label !== undefined) checkLabel(req.label, project.labelSchema.labels);
    const filters = { modelVersion: req.modelVersion, label: req.label };
    const reviewer = { userId: principal.userId, senior: isSenior(role) };
    const held = await this.reviews.claim(projectId, reviewer, filters, req.count ?? CLAIM_DEFAULT, project.leaseSeconds);
    const modelVersions = await this.reviews.openByModelVersion(projectId, reviewer.senior);
    return {
      reviews: held.map((r) => toReview(r, principal)),
      leaseSeconds: project.leaseSeconds,
      open: { total: modelVersions.reduce((s, v) => s + v.count, 0), modelVersions },
    };
  }

  /**
   * One verdict per review (a second is a 409); the decision, verdict included, is what the service reads too, and
   * what the project's webhook is sent (queued with the verdict, in its transaction).
   */
  async verdict(projectId: string, reviewId: string, req: ProductionVerdictRequest, principal: Principal, role: Role): Promise<PredictionDecision> {
    if (principal.kind !== 'user') throw forbidden('API keys cannot review; sign in as a reviewer');
    if (!isUuid(reviewId)) throw notFound('review');
    const labels = await this.routing.labelNames(projectId);
    if (req.label !== undefined) checkLabel(req.label, labels);
    const out = await this.reviews.decide(projectId, reviewId.toLowerCase(), req.verdict, req.label ?? null, { userId: principal.userId, senior: isSenior(role) }, (d, deliveryId) =>
      verdictWebhookBody(projectId, d, deliveryId, labels),
    );
    if (out.kind === 'not-found') throw notFound('review');
    if (out.kind === 'already-decided') throw new ArbiterError(ErrorCode.Conflict, 'this review already has a verdict');
    if (out.kind === 'expired') {
      throw new ArbiterError(ErrorCode.Conflict, `this review passed its deadline and the model's label was acted on at ${out.escalatedAt}`);
    }
    if (out.kind === 'senior-only') throw forbidden('this review passed its deadline and was escalated to the senior pool: engineers and owners review it');
    if (out.kind === 'leased-to-another') {
      throw new ArbiterError(ErrorCode.LeaseLost, `another reviewer holds this review under a lease until ${out.expiresAt}; claim reviews to get your own`, undefined, {
        leaseExpiresAt: out.expiresAt,
      });
    }
    // New gold changes agreement against gold: recompute, as after an adjudication. A new verdict is a new case for
    // similar-case routing.
    if (out.goldItemId !== null) this.analysis.afterChange(projectId);
    this.similar.invalidate(projectId);
    if (out.deliveryId !== null) this.webhooks.afterCommit({ projectId, deliveryId: out.deliveryId, generation: 0 });
    return toView(out.decision, labels);
  }

  /**
   * Escalates every open review past its SLA deadline with its project's escalation action, in batches; safe to run
   * from several workers at once (each review is taken by one). Answers how many of each action.
   */
  async escalateOverdue(batch = 500): Promise<Record<Escalation, number>> {
    const counts: Record<Escalation, number> = { act: 0, senior: 0, wait: 0 };
    for (;;) {
      const done = await this.reviews.escalateOverdue(batch);
      for (const r of done) {
        counts[r.escalation]++;
        if (r.deliveryId !== null) this.webhooks.afterCommit({ projectId: r.projectId, deliveryId: r.deliveryId, generation: 0 });
      }
      if (done.length < batch) return counts;
    }
  }
}

const isSenior = (role: Role) => ROLE_RANK[role] >= ROLE_RANK.engineer;

function checkLabel(label: number, labels: readonly unknown[]): void {
  if (label >= labels.length) throw invalid('label', `label id ${label} is not in this project (0..${labels.length - 1})`);
}

function toReview(d: StoredReview, principal: Principal): ProductionReview {
  return {
    reviewId: d.reviewId as string,
    trainedOnSnapshot: d.trainedOnSnapshot,
    status: d.reviewStatus as 'open' | 'decided' | 'expired',
    predictionId: d.clientPredictionId,
    item: { itemId: d.itemId, text: d.itemText, metadata: d.itemMetadata },
    model: { name: d.modelName, version: d.modelVersion },
    suggestedLabel: d.label,
    calibratedProbs: d.calibratedProbs,
    expectedCosts: d.expectedCosts,
    reasons: d.reasons,
    policyVersion: d.policyVersion,
    createdAt: d.createdAt,
    verdict: d.verdict === null ? null : { verdict: d.verdict, label: d.verdictLabel, decidedAt: d.decidedAt as string },
    deadline: d.reviewDeadline,
    escalation: escalationOf(d),
    pool: d.pool ?? 'reviewers',
    lease:
      d.leasedBy === null || d.leaseExpiresAt === null
        ? null
        : { mine: principal.kind === 'user' && principal.userId === d.leasedBy, expiresAt: d.leaseExpiresAt },
  };
}
