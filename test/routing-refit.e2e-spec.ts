// Learning the routing policy over HTTP (issue 10): a production service's predictions are all routed (review cost
// 0, an audit of everything), reviewers accept, correct or reject each, and the re-fit — a worker job — proposes a
// policy whose temperature, price and held-out evaluation equal fitRoutingPolicy's on the same verdicts (rejected
// inputs left out). Approval stores it as the next version, once; with automatic application a re-fit's proposal
// becomes the active version by itself, and new decisions name it.
import type { Client } from 'pg';
import { MIN_REFIT_REVIEWS, REFIT_SPLIT_SEED } from '@arbiter/contracts';
import type { CreatedApiKey, PredictionDecision, PredictionRequest, RoutingPolicyDoc, RoutingPolicyView, RoutingProposalList, RoutingSettings } from '@arbiter/contracts';
import { fitRoutingPolicy, type RoutingPolicy } from '@arbiter/domain/routing';
import { mulberry32 } from '@arbiter/util/random';
import { addMember, ApiClient, closeSession, newProject, newUser, openSession, Stack, waitForJob } from '@arbiter/testing';

// Every prediction routed while verdicts are collected (a review costs nothing, so any doubt is worth one).
const AUDIT_ALL: RoutingPolicyDoc = { schemaVersion: 1, costMatrix: [[0, 1], [1, 0]], reviewCost: 0 };
// The policy re-fitted: letting spam (1) through costs 5, removing a genuine message 1, a review 0.3.
const POLICY: RoutingPolicyDoc = { schemaVersion: 1, costMatrix: [[0, 1], [5, 0]], reviewCost: 0.3 };

/**
 * A model whose logits are twice the truth's (overconfident, so the re-fit has a temperature to find): the true
 * class is drawn from softmax(z), the model sends softmax(2z).
 */
function generate(n: number, prefix: string, seed: number): { request: PredictionRequest; truth: number }[] {
  const next = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const z = 2.5 * (next() - 0.5) * 2;
    const pSpam = 1 / (1 + Math.exp(-z));
    const truth = next() < pSpam ? 1 : 0;
    const sent = 1 / (1 + Math.exp(-2 * z));
    const request = { predictionId: `${prefix}-${i}`, item: { text: `message ${i}` }, model: { name: 'spam', version: '1' }, probs: [1 - sent, sent] };
    return { request, truth };
  });
}

describe('routing re-fit', () => {
  let stack: Stack;
  let db: Client;
  let owner: ApiClient;
  let engineer: ApiClient;
  let reviewer: ApiClient;
  let service: ApiClient;
  let projectId: string;
  const base = () => `/api/projects/${projectId}`;

  beforeAll(async () => {
    let admin: ApiClient;
    ({ stack, owner: admin, db } = await openSession());
    [owner, engineer, reviewer] = await Promise.all(['Owner', 'Engineer', 'Reviewer'].map((n) => newUser(admin, n)));
    projectId = (await newProject(owner, { labelSchema: { kind: 'single', labels: [{ name: 'ham' }, { name: 'spam' }] } })).id;
    await addMember(owner, projectId, engineer, 'engineer');
    await addMember(owner, projectId, reviewer, 'reviewer');
    const key = await owner.post<CreatedApiKey>(`${base()}/api-keys`, { name: 'prod', role: 'service' });
    service = new ApiClient(stack.baseUrl, key.body.key);
    expect((await owner.request('PUT', `${base()}/routing/policy`, AUDIT_ALL)).status).toBe(200);
  }, 120_000);
  afterAll(() => closeSession({ stack, db }), 30_000);

  /** Posts the predictions and gives each its verdict: every 20th of the sample rejected, the rest accepted or corrected to the truth. */
  async function reviewAll(rows: { request: PredictionRequest; truth: number }[], offset: number): Promise<void> {
    const r = await service.post<{ decisions: PredictionDecision[] }>(`${base()}/predictions/batch`, { predictions: rows.map((x) => x.request) });
    expect(r.status).toBe(200);
    for (const [i, d] of r.body.decisions.entries()) {
      expect(d.action).toBe('review');
      const truth = rows[i].truth;
      const body = (offset + i) % 20 === 19 ? { verdict: 'reject' } : truth === d.label ? { verdict: 'accept' } : { verdict: 'correct', label: truth };
      expect((await reviewer.post(`${base()}/production-reviews/${d.reviewId}/verdict`, body)).status).toBe(200);
    }
  }

  /** What the re-fit must propose: fitRoutingPolicy on the accepted and corrected predictions, in posting order. */
  const expectedFit = (rows: { request: PredictionRequest; truth: number }[], policy: RoutingPolicyDoc) =>
    fitRoutingPolicy({
      policy: policy as RoutingPolicy,
      predictions: rows.filter((_, i) => i % 20 !== 19).map((x) => ({ id: x.request.predictionId, probs: x.request.probs, label: x.truth })),
      seed: REFIT_SPLIT_SEED,
    });

  const first = generate(300, 'a', 1);

  it('refuses a re-fit with too few verdicts (409), then proposes what fitRoutingPolicy fits on them', async () => {
    await reviewAll(first.slice(0, 90), 0);
    const early = await engineer.post<{ message: string }>(`${base()}/routing/refit`, {});
    expect([early.status, early.body.message]).toEqual([409, `a re-fit needs ${MIN_REFIT_REVIEWS} reviewed predictions (accepted or corrected); the project has 86`]);
    await reviewAll(first.slice(90), 90);
    // Verdicts collected, the engineer sets the costs the project means to decide by: version 2.
    expect((await owner.request<RoutingPolicyView>('PUT', `${base()}/routing/policy`, POLICY)).body.version).toBe(2);
    expect((await reviewer.post(`${base()}/routing/refit`, {})).status).toBe(403);

    const started = await engineer.post<{ jobId: string; reviewedPredictions: number }>(`${base()}/routing/refit`, {});
    expect([started.status, started.body.reviewedPredictions]).toEqual([202, 285]);
    expect(await waitForJob(engineer, projectId, started.body.jobId)).toBe('completed');

    const list = await reviewer.get<RoutingProposalList>(`${base()}/routing/proposals`);
    expect([list.status, list.body.proposals.length]).toEqual([200, 1]);
    const proposal = list.body.proposals[0];
    const { policy, ...fit } = expectedFit(first, POLICY);
    // The overconfident model's logits were doubled: the fitted temperature undoes most of it.
    expect(policy.temperature).toBeGreaterThan(1.5);
    expect(proposal).toMatchObject({ baseVersion: 2, reviewedPredictions: 285, appliedVersion: null, appliedBy: null, appliedAt: null });
    // JSON carries the route-all threshold (Infinity) as null.
    expect({ policy: proposal.policy, temperatureFit: proposal.temperatureFit, fitRows: proposal.fitRows, heldOutRows: proposal.heldOutRows, fitCost: proposal.fitCost, priceCheck: proposal.priceCheck, evaluation: proposal.evaluation }).toEqual(
      JSON.parse(JSON.stringify({ policy, ...fit })),
    );
    expect(proposal.evaluation.learned.total).toBeLessThan(proposal.evaluation.routeAll.total);
    expect(proposal.evaluation.curves.price.length).toBeGreaterThan(10);
    // Proposed, not applied: decisions still name version 2.
    expect((await owner.get<RoutingPolicyView>(`${base()}/routing/policy`)).body.version).toBe(2);
  }, 180_000);

  it('applies a proposal once, on an engineer’s approval, as the next policy version', async () => {
    const [proposal] = (await reviewer.get<RoutingProposalList>(`${base()}/routing/proposals`)).body.proposals;
    expect((await reviewer.post(`${base()}/routing/proposals/${proposal.id}/approve`, {})).status).toBe(403);
    const approved = await engineer.post<RoutingPolicyView>(`${base()}/routing/proposals/${proposal.id}/approve`, {});
    expect([approved.status, approved.body.version, approved.body.policy]).toEqual([200, 3, proposal.policy]);
    const again = await engineer.post<{ message: string }>(`${base()}/routing/proposals/${proposal.id}/approve`, {});
    expect([again.status, again.body.message]).toEqual([409, 'the proposal is already policy version 3']);
    expect((await engineer.post(`${base()}/routing/proposals/00000000-0000-4000-8000-000000000000/approve`, {})).status).toBe(404);
    const [after] = (await reviewer.get<RoutingProposalList>(`${base()}/routing/proposals`)).body.proposals;
    expect(after).toMatchObject({ id: proposal.id, appliedVersion: 3, appliedBy: engineer.user!.id });
    const versions = await db.query(`SELECT version, created_by FROM routing_policies WHERE project_id = $1 ORDER BY version`, [projectId]);
    expect(versions.rows.map((r) => r.version)).toEqual([1, 2, 3]);
    expect(versions.rows[2].created_by).toBe(engineer.user!.id);
  }, 60_000);

  it('with automatic application, makes a re-fit’s proposal the active version, and new decisions name it', async () => {
    const settings = await engineer.request<RoutingSettings>('PATCH', `${base()}/routing/settings`, { autoApplyProposals: true });
    expect([settings.status, settings.body]).toEqual([200, { shadowMode: false, autoApplyProposals: true, reviewBudgetPerHour: null, slaMinutes: null, escalation: 'wait' }]);
    const bad = await engineer.request<{ errors: { path: string }[] }>('PATCH', `${base()}/routing/settings`, { autoApplyProposals: 'yes' });
    expect([bad.status, bad.body.errors[0].path]).toEqual([400, 'autoApplyProposals']);

    const started = await engineer.post<{ jobId: string }>(`${base()}/routing/refit`, {});
    expect(await waitForJob(engineer, projectId, started.body.jobId)).toBe('completed');
    const { proposals } = (await reviewer.get<RoutingProposalList>(`${base()}/routing/proposals`)).body;
    expect(proposals.length).toBe(2);
    // Re-fitted on version 3's costs (the same matrix and review cost as 2), applied as version 4 by nobody.
    expect(proposals[0]).toMatchObject({ baseVersion: 3, appliedVersion: 4, appliedBy: null });
    const active = (await owner.get<RoutingPolicyView>(`${base()}/routing/policy`)).body;
    expect([active.version, active.policy]).toEqual([4, proposals[0].policy]);
    const [probe] = generate(1, 'after', 2);
    const decided = await service.post<PredictionDecision>(`${base()}/predictions`, probe.request);
    expect([decided.status, decided.body.policyVersion]).toEqual([200, 4]);
  }, 120_000);
});
