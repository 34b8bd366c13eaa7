// Agreement as part of the workflow: the worker recomputes a project's report, consensus and review queue after
// changes; reviewers read the queue and decide, and a decision becomes gold with its provenance.
import { Inject, Injectable, Optional } from '@nestjs/common';
import { isItemId, type AgreementReport, type ListReviewQuery, type ReviewDecisionRequest, type ReviewPage } from '@arbiter/contracts';
import { buildAgreementReport, type AgreementReport as DomainReport } from '@arbiter/domain/agreement';
import { AgreementRepository, TaskRepository } from '@arbiter/server/data-access';
import { AnalysisProducer } from '@arbiter/server/jobs';
import type { Principal } from '../auth/principal';
import { ArbiterError, ErrorCode, forbidden, invalid, notFound } from '../errors/arbiter.error';
import { DEFAULT_PAYLOAD_LIMITS, PAYLOAD_LIMITS, type PayloadLimits } from '../ingest/payload-limits';
import { AlRoundService } from '../active-learning/al-round.service';
import { ProjectService } from '../projects/project.service';

const SEED = 20_261_123;
// Bootstrap replicates scale down as projects grow, keeping a recomputation to a few seconds of worker time.
const bootstrapSamples = (annotations: number) => Math.max(50, Math.min(500, Math.floor(2e7 / Math.max(1, annotations))));

@Injectable()
export class AgreementService {
  constructor(
    private readonly agreement: AgreementRepository,
    private readonly tasks: TaskRepository,
    private readonly projects: ProjectService,
    private readonly analysis: AnalysisProducer,
    private readonly alRounds: AlRoundService,
    @Optional() @Inject(PAYLOAD_LIMITS) private readonly limits: PayloadLimits = DEFAULT_PAYLOAD_LIMITS,
  ) {}

  async compute(projectId: string): Promise<{ projectId: string; annotations: number }> {
    const project = await this.projects.get(projectId, 'owner');
    const inputs = await this.agreement.loadInputs(projectId);
    const result = buildAgreementReport({
      annotations: inputs.annotations,
      items: inputs.itemIds.length,
      classes: project.labelSchema.labels.length,
      kind: project.labelSchema.kind,
      gold: inputs.gold,
      overlap: project.overlap,
      consensusMethod: project.consensusMethod,
      reviewThreshold: project.reviewThreshold,
      seed: SEED,
      bootstrapSamples: bootstrapSamples(inputs.annotations.length),
    });
    await this.agreement.saveResults(
      projectId,
      result.report,
      inputs.annotations.length,
      result.report.consensus.method,
      result.consensus.map((c) => ({ itemId: inputs.itemIds[c.item], labels: c.labels, confidence: c.confidence })),
      result.review.map((r) => ({ itemId: inputs.itemIds[r.item], reason: r.reason })),
    );
    return { projectId, annotations: inputs.annotations.length };
  }

  async report(projectId: string): Promise<AgreementReport | null> {
    const stored = await this.agreement.report(projectId);
    if (!stored) return null;
    const project = await this.projects.get(projectId, 'reviewer');
    const r = stored.report as DomainReport;
    const names = await this.agreement.userNames(r.matrix.raters);
    const person = (userId: string) => ({ userId, name: names.get(userId) ?? 'former member' });
    return {
      computedAt: new Date(stored.computedAt).toISOString(),
      annotations: r.annotations,
      pairableItems: r.pairableItems,
      overall: r.overall,
      perLabel: r.perLabel.map((p) => ({ ...p, name: project.labelSchema.labels[p.label]?.name ?? String(p.label) })),
      matrix: { raters: r.matrix.raters.map(person), kappa: r.matrix.kappa, n: r.matrix.n },
      annotators: r.annotators.map((a) => ({ ...person(a.rater), annotations: a.annotations, vsGold: a.vsGold, vsConsensus: a.vsConsensus })),
      consensus: r.consensus,
    };
  }

  async reviewPage(projectId: string, q: ListReviewQuery): Promise<ReviewPage> {
    const page = await this.agreement.reviewPage(projectId, q.status, q.after ?? '0', q.limit, this.limits.pageMaxBytes);
    const items = page.rows.map((r) => ({ ...r, decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null }));
    const total = await this.agreement.reviewCount(projectId, q.status);
    // A page cut short by the byte budget still continues from its last item.
    const more = page.more || items.length === q.limit;
    return { items, nextAfter: more ? items[items.length - 1].itemId : null, total };
  }

  async decide(projectId: string, itemId: string, req: ReviewDecisionRequest, principal: Principal, revise = false): Promise<void> {
    if (principal.kind !== 'user') throw forbidden('API keys cannot adjudicate; sign in as a reviewer');
    if (!isItemId(itemId)) throw notFound('review item');
    const project = await this.projects.get(projectId, 'reviewer');
    const k = project.labelSchema.labels.length;
    const labels = [...new Set(req.labels)].sort((a, b) => a - b);
    const bad = labels.find((l) => l >= k);
    if (bad !== undefined) throw invalid('labels', `label id ${bad} is not in this project (0..${k - 1})`);
    if (project.labelSchema.kind === 'single' && labels.length !== 1) throw invalid('labels', 'a single-label project takes exactly one label');
    if (!project.allowSelfReview && (await this.tasks.labeledBy(projectId, itemId, principal.userId))) {
      throw new ArbiterError(
        ErrorCode.SelfReview,
        'you labeled this item yourself, so another reviewer must decide it (an owner can allow self-review in the project settings)',
      );
    }
    const out = await this.agreement.decide(projectId, itemId, labels, principal.userId, revise);
    if (out === 'not-found') throw notFound('review item');
    if (out === 'already-decided') throw new ArbiterError(ErrorCode.Conflict, 'this item has already been decided; revise it with PUT');
    if (out === 'not-decided') throw new ArbiterError(ErrorCode.Conflict, 'this item has not been decided yet; decide it with POST');
    // New gold changes every annotator's score against gold, and is a new label for the retraining trigger (a
    // revision is not: the count of decided items stays).
    this.analysis.afterChange(projectId);
    if (!revise) this.alRounds.afterLabels(projectId);
  }
}
