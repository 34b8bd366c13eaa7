// Reviewers' side of the production review loop: the queue of routed predictions and one verdict per review.
import { Injectable } from '@nestjs/common';
import { isUuid } from '@arbiter/contracts';
import type { ListProductionReviewsQuery, PredictionDecision, ProductionReview, ProductionReviewPage, ProductionVerdictRequest } from '@arbiter/contracts';
import { ProductionReviewRepository, type StoredDecision } from '@arbiter/server/data-access';
import { AnalysisProducer } from '@arbiter/server/jobs';
import type { Principal } from '../auth/principal';
import { ArbiterError, ErrorCode, forbidden, invalid, notFound } from '../errors/arbiter.error';
import { toView } from './prediction.service';
import { RoutingPolicyService } from './routing-policy.service';

@Injectable()
export class ProductionReviewService {
  constructor(
    private readonly reviews: ProductionReviewRepository,
    private readonly routing: RoutingPolicyService,
    private readonly analysis: AnalysisProducer,
  ) {}

  async page(projectId: string, q: ListProductionReviewsQuery): Promise<ProductionReviewPage> {
    const { rows, cursor } = await this.reviews.page(projectId, q.status, q.after, q.limit);
    return { reviews: rows.map(toReview), cursor };
  }

  /** One verdict per review (a second is a 409); the decision, verdict included, is what the service reads too. */
  async verdict(projectId: string, reviewId: string, req: ProductionVerdictRequest, principal: Principal): Promise<PredictionDecision> {
    if (principal.kind !== 'user') throw forbidden('API keys cannot review; sign in as a reviewer');
    if (!isUuid(reviewId)) throw notFound('review');
    const labels = await this.routing.labelNames(projectId);
    if (req.label !== undefined && req.label >= labels.length) throw invalid('label', `label id ${req.label} is not in this project (0..${labels.length - 1})`);
    const out = await this.reviews.decide(projectId, reviewId.toLowerCase(), req.verdict, req.label ?? null, principal.userId);
    if (out.kind === 'not-found') throw notFound('review');
    if (out.kind === 'already-decided') throw new ArbiterError(ErrorCode.Conflict, 'this review already has a verdict');
    // New gold changes agreement against gold: recompute, as after an adjudication.
    if (out.goldItemId !== null) this.analysis.afterChange(projectId);
    return toView(out.decision, labels);
  }
}

function toReview(d: StoredDecision): ProductionReview {
  return {
    reviewId: d.reviewId as string,
    status: d.reviewStatus as 'open' | 'decided',
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
  };
}
