// The production review loop under limits (issue 10): a reviewer budget prices reviews so the queue takes the
// predictions where a review saves the most expected cost and the model decides the rest; a review past its SLA
// deadline takes the project's escalation action (act, senior pool, wait), recorded; and past the api's limit of
// decisions in flight a request is refused with 429 and Retry-After, so retries lose and duplicate nothing.
import type { Client } from 'pg';
import type { CreatedApiKey, PredictionDecision, PredictionRequest, ProductionReviewPage, RoutingCapacity, RoutingSettings } from '@arbiter/contracts';
import { quantile } from '@arbiter/domain/drift';
import { mulberry32 } from '@arbiter/util/random';
import { addMember, ApiClient, closeSession, newProject, newUser, openSession, Stack } from '@arbiter/testing';

type Batch = { decisions: PredictionDecision[] };

/** Two-label predictions whose spam probabilities are `ps`, in a seeded shuffled order. */
function predictions(prefix: string, ps: number[], seed: number): PredictionRequest[] {
  const next = mulberry32(seed);
  const order = ps.map((p, i) => ({ p, i, key: next() })).sort((a, b) => a.key - b.key);
  return order.map(({ p, i }) => ({ predictionId: `${prefix}-${i}`, item: { text: `message ${prefix} ${i}` }, model: { name: 'clf', version: '1' }, probs: [1 - p, p] }));
}

/** Under the default policy (0/1 costs), what a review of a prediction saves: P(the best label is wrong). */
const saving = (r: PredictionRequest) => 1 - Math.max(...r.probs);

describe('production review: capacity pricing, SLA escalation and overload', () => {
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
    // Readings are read fresh for every request (the cache is a throughput measure, not under test here); the SLA
    // sweep runs often; one prediction request at a time, so concurrent ones meet the limit.
    ({ stack, owner: admin, db } = await openSession({ env: { SLA_SWEEP_MS: '200', ROUTING_READINGS_TTL_MS: '0', PREDICTIONS_MAX_IN_FLIGHT: '1' } }));
    [owner, engineer, reviewer] = await Promise.all([newUser(admin, 'Owner'), newUser(admin, 'Engineer'), newUser(admin, 'Reviewer')]);
    projectId = (await newProject(owner, { labelSchema: { kind: 'single', labels: [{ name: 'ham' }, { name: 'spam' }] } })).id;
    await addMember(owner, projectId, engineer, 'engineer');
    await addMember(owner, projectId, reviewer, 'reviewer');
    const key = await owner.post<CreatedApiKey>(`${base()}/api-keys`, { name: 'prod', role: 'service' });
    service = new ApiClient(stack.baseUrl, key.body.key);
  }, 120_000);
  afterAll(() => closeSession({ stack, db }), 30_000);

  const openReviews = async (c: ApiClient) => (await c.get<ProductionReviewPage>(`${base()}/production-reviews?status=open&limit=200`)).body.reviews;

  it('spends a budget of 10 reviews an hour on the costliest predictions and acts on the rest', async () => {
    const settings = await owner.request<RoutingSettings>('PATCH', `${base()}/routing/settings`, { reviewBudgetPerHour: 10 });
    expect(settings.body).toEqual({ shadowMode: false, reviewBudgetPerHour: 10, slaMinutes: null, escalation: 'wait', autoApplyProposals: false });
    expect((await reviewer.request('PATCH', `${base()}/routing/settings`, { reviewBudgetPerHour: 100 })).status).toBe(403);
    expect((await owner.request('PATCH', `${base()}/routing/settings`, {})).status).toBe(400);

    // 100 predictions, every one uncertain enough for the default policy to route (saving 0.21 to 0.50 > 0.2).
    const first = predictions('a', Array.from({ length: 100 }, (_, i) => 0.501 + 0.0029 * i), 1);
    expect(first.every((p) => saving(p) > 0.2)).toBe(true);
    const r1 = await service.post<Batch>(`${base()}/predictions/batch`, { predictions: first });
    expect(r1.status).toBe(200);
    // Budget·hour = 10 free slots for 100 arrivals: the price is the 0.9-quantile of the savings, and the ten
    // predictions above it, the ten costliest, go to review.
    const price = quantile(Float64Array.from(first.map(saving)).sort(), 0.9);
    const routed = first.filter((_, i) => r1.body.decisions[i].action === 'review').map((p) => p.predictionId);
    const costliest = [...first].sort((a, b) => saving(b) - saving(a)).slice(0, 10).map((p) => p.predictionId);
    expect(routed.sort()).toEqual(costliest.sort());
    for (const d of r1.body.decisions.filter((x) => x.action === 'review')) {
      expect(d.reasons).toEqual([{ kind: 'expected-cost', minExpectedCost: expect.any(Number), reviewCost: expect.closeTo(price, 9) }]);
    }
    expect(r1.body.decisions.every((d) => d.reviewCost === r1.body.decisions[0].reviewCost)).toBe(true);

    // The queue now holds the whole hour's budget: nothing more is routed on cost, and the dashboard says what that
    // costs: arrivals · the mean saving forgone above the policy's review cost (every one of the 100, here).
    const capacity = await reviewer.get<RoutingCapacity>(`${base()}/routing/capacity`);
    const forgone = first.reduce((s, p) => s + (saving(p) - 0.2), 0);
    expect(capacity.body).toMatchObject({ budgetPerHour: 10, queueLength: 10, arrivalsPerHour: 100, reservedPerHour: 0, horizonHours: 1, policyReviewCost: 0.2, share: 0, reviewCost: 1 });
    expect(capacity.body.forgoneCostPerHour).toBeCloseTo(forgone, 9);
    const second = predictions('b', Array.from({ length: 100 }, (_, i) => 0.501 + 0.0029 * i), 2);
    const r2 = await service.post<Batch>(`${base()}/predictions/batch`, { predictions: second });
    expect(r2.body.decisions.map((d) => [d.action, d.reasons.length])).toEqual(second.map(() => ['act', 0]));

    // Five verdicts free five slots; the next predictions are the most uncertain yet, so the five costliest of them
    // take the slots (the price is the quantile that leaves 5 of the 220 arrivals above it) and the rest are acted on.
    const queue = await openReviews(reviewer);
    for (const r of queue.slice(0, 5)) {
      expect((await reviewer.post(`${base()}/production-reviews/${r.reviewId}/verdict`, { verdict: 'accept' })).status).toBe(200);
    }
    const third = predictions('c', Array.from({ length: 20 }, (_, i) => 0.5001 + 0.0001 * i), 3);
    const r3 = await service.post<Batch>(`${base()}/predictions/batch`, { predictions: third });
    const routed3 = third.filter((_, i) => r3.body.decisions[i].action === 'review').map((p) => p.predictionId);
    expect(routed3.sort()).toEqual([...third].sort((a, b) => saving(b) - saving(a)).slice(0, 5).map((p) => p.predictionId).sort());
    expect((await openReviews(reviewer)).length).toBe(10);
  }, 120_000);

  /** Moves a review's deadline into the past (the clock, not the code, is what the test skips) and waits for the sweep. */
  async function overdue(predictionId: string, reviewId: string): Promise<PredictionDecision> {
    await db.query(`UPDATE production_reviews SET deadline_at = now() - interval '1 second' WHERE id = $1`, [reviewId]);
    for (let i = 0; i < 150; i++) {
      const got = await service.get<PredictionDecision>(`${base()}/predictions/${predictionId}`);
      if (got.body.escalation) return got.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`review ${reviewId} was not escalated within 15 s`);
  }

  it('escalates a review past its SLA deadline as the project says: act, senior pool, or wait', async () => {
    await owner.request('PATCH', `${base()}/routing/settings`, { reviewBudgetPerHour: null, slaMinutes: 30, escalation: 'act' });
    const reqs = predictions('sla', [0.55, 0.6, 0.65], 4);
    const r = await service.post<Batch>(`${base()}/predictions/batch`, { predictions: reqs });
    const [a, b, c] = r.body.decisions;
    for (const d of r.body.decisions) {
      expect(d.action).toBe('review');
      expect(Date.parse(d.reviewDeadline!) - Date.parse(d.decidedAt)).toBe(30 * 60_000);
      expect(d.escalation).toBeNull();
    }

    // act: the service is told to act on the model's label, and the review leaves the queue.
    const acted = await overdue(a.predictionId, a.reviewId!);
    expect(acted).toMatchObject({ action: 'act', decidedAction: 'review', label: a.label, verdict: null, escalation: { action: 'act' } });
    const late = await reviewer.post(`${base()}/production-reviews/${a.reviewId}/verdict`, { verdict: 'accept' });
    expect(late.status).toBe(409);
    expect((await openReviews(reviewer)).some((x) => x.reviewId === a.reviewId)).toBe(false);
    const expired = await reviewer.get<ProductionReviewPage>(`${base()}/production-reviews?status=expired`);
    expect(expired.body.reviews.map((x) => [x.reviewId, x.status, x.escalation?.action])).toEqual([[a.reviewId, 'expired', 'act']]);

    // senior: only engineers and owners see and decide it.
    await owner.request('PATCH', `${base()}/routing/settings`, { escalation: 'senior' });
    const escalated = await overdue(b.predictionId, b.reviewId!);
    expect(escalated).toMatchObject({ action: 'review', escalation: { action: 'senior' } });
    expect((await openReviews(reviewer)).some((x) => x.reviewId === b.reviewId)).toBe(false);
    expect((await openReviews(engineer)).find((x) => x.reviewId === b.reviewId)).toMatchObject({ pool: 'senior', escalation: { action: 'senior' } });
    expect((await reviewer.post(`${base()}/production-reviews/${b.reviewId}/verdict`, { verdict: 'accept' })).status).toBe(403);
    const senior = await engineer.post<PredictionDecision>(`${base()}/production-reviews/${b.reviewId}/verdict`, { verdict: 'correct', label: 0 });
    expect([senior.status, senior.body.verdict?.label]).toEqual([200, 0]);

    // wait: the breach is recorded and the review stays in the reviewers' queue.
    await owner.request('PATCH', `${base()}/routing/settings`, { escalation: 'wait' });
    const waiting = await overdue(c.predictionId, c.reviewId!);
    expect(waiting).toMatchObject({ action: 'review', escalation: { action: 'wait' } });
    expect((await openReviews(reviewer)).find((x) => x.reviewId === c.reviewId)).toMatchObject({ pool: 'reviewers', status: 'open' });
    const decided = await reviewer.post<PredictionDecision>(`${base()}/production-reviews/${c.reviewId}/verdict`, { verdict: 'accept' });
    expect([decided.status, decided.body.verdict?.verdict, decided.body.escalation?.action]).toEqual([200, 'accept', 'wait']);
    // Each was escalated once: the sweep keeps running and leaves them as they are.
    const rows = await db.query(`SELECT escalation, count(*)::int AS n FROM production_reviews WHERE id = ANY($1::uuid[]) GROUP BY escalation ORDER BY escalation`, [[a.reviewId, b.reviewId, c.reviewId]]);
    expect(rows.rows).toEqual([{ escalation: 'act', n: 1 }, { escalation: 'senior', n: 1 }, { escalation: 'wait', n: 1 }]);
  }, 120_000);

  it('refuses requests past its limit in flight with 429 and Retry-After, and the retries lose and duplicate nothing', async () => {
    await owner.request('PATCH', `${base()}/routing/settings`, { slaMinutes: null });
    const next = mulberry32(5);
    const batches = Array.from({ length: 6 }, (_, b) => predictions(`o${b}`, Array.from({ length: 500 }, () => next()), 10 + b));
    const first = await Promise.all(batches.map((p) => service.post<Batch>(`${base()}/predictions/batch`, { predictions: p })));
    const refused = first.flatMap((r, i) => (r.status === 429 ? [i] : []));
    // Six requests at once against a limit of one: the overload this test is about must have happened.
    expect(refused.length).toBeGreaterThan(0);
    for (const i of refused) {
      expect([first[i].headers.get('retry-after'), (first[i].body as unknown as { code: string }).code]).toEqual(['1', 'OVERLOADED']);
    }
    const answers = [...first];
    for (let attempt = 0; attempt < 50 && answers.some((r) => r.status === 429); attempt++) {
      for (const i of answers.flatMap((r, j) => (r.status === 429 ? [j] : []))) answers[i] = await service.post<Batch>(`${base()}/predictions/batch`, { predictions: batches[i] });
    }
    expect(answers.map((r) => r.status)).toEqual(batches.map(() => 200));
    // A retry of an answered batch is answered the same and writes nothing.
    const again = await service.post<Batch>(`${base()}/predictions/batch`, { predictions: batches[0] });
    expect(again.body.decisions).toEqual(answers[0].body.decisions);
    const ids = batches.flat().map((p) => p.predictionId);
    const stored = await db.query<{ n: number; distinct: number; reviews: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT client_prediction_id)::int AS distinct,
              (SELECT count(*)::int FROM production_reviews r JOIN production_predictions q ON q.id = r.prediction_id WHERE q.client_prediction_id = ANY($2)) AS reviews
         FROM production_predictions WHERE project_id = $1 AND client_prediction_id = ANY($2)`,
      [projectId, ids],
    );
    const routed = answers.flatMap((r) => r.body.decisions).filter((d) => d.action === 'review').length;
    expect(stored.rows[0]).toEqual({ n: 3000, distinct: 3000, reviews: routed });
  }, 180_000);
});
