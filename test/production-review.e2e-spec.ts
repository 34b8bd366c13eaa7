// The production review loop over HTTP (issue 10, first server slice): a production service's key posts 1,000
// predictions (single and batched) for a 3-label project under an asymmetric cost matrix, and every answer equals
// routePrediction computed here on the same inputs and policy; retries are idempotent (concurrent ones included),
// a changed body under a used id is a 409, bad input a 400 naming index and field with nothing written; the service
// key may do nothing else; reviewers' verdicts are read back by the service; shadow mode records but acts.
import type { Client } from 'pg';
import type { CreatedApiKey, PredictionDecision, PredictionRequest, ProductionReviewPage, RoutingPolicyDoc, RoutingPolicyView } from '@arbiter/contracts';
import { routePrediction, type RoutingPolicy } from '@arbiter/domain/routing';
import { mulberry32 } from '@arbiter/util/random';
import { addMember, ApiClient, closeSession, importJsonl, newProject, newUser, openSession, Stack } from '@arbiter/testing';

// Deciding label 2 when the truth is 0 costs 4, deciding 0 when it is 2 costs 10: a fixed confidence threshold
// cannot express this, and the answers show it (confident predictions of 0 still go to review).
const POLICY: RoutingPolicyDoc = {
  schemaVersion: 1,
  costMatrix: [
    [0, 1, 4],
    [2, 0, 1],
    [10, 3, 0],
  ],
  reviewCost: 0.35,
  // A price as the re-fit learns it (fitRoutingPolicy), above the review cost: the expected-cost test and the
  // reasons it gives name 0.5, so a server that dropped the field would answer otherwise than routePrediction.
  reviewPrice: 0.5,
  confidenceFloors: [{ label: 2, minConfidence: 0.75 }],
  audit: { share: 0.05, seed: 11 },
  rules: [{ id: 'vip', when: { field: 'tier', op: '==', value: 'vip' } }],
};

function generate(n: number, itemIds: string[], prefix: string): PredictionRequest[] {
  const next = mulberry32(42);
  return Array.from({ length: n }, (_, i) => {
    // Peaked on a random class, as a model's softmax is; some nearly certain, some flat.
    const peak = Math.floor(next() * 3);
    const raw = [0, 1, 2].map((c) => (c === peak ? 1 + next() * 12 : next()));
    const sum = raw.reduce((a, b) => a + b, 0);
    const probs = raw.map((v) => v / sum);
    const metadata = { tier: next() < 0.05 ? 'vip' : 'standard', amount: Math.round(next() * 1000) };
    const item = i % 10 === 0 ? { itemId: itemIds[i % itemIds.length], metadata } : { text: `message ${i}`, metadata };
    return { predictionId: `${prefix}-${i}`, item, model: { name: 'spam-clf', version: i < n / 2 ? '1.0' : '1.1' }, probs };
  });
}

describe('production review loop', () => {
  let stack: Stack;
  let db: Client;
  let owner: ApiClient;
  let reviewer: ApiClient;
  let service: ApiClient;
  let projectId: string;
  let itemIds: string[];
  const base = () => `/api/projects/${projectId}`;
  const answers = new Map<string, PredictionDecision>();
  let predictions: PredictionRequest[] = [];

  beforeAll(async () => {
    let admin: ApiClient;
    ({ stack, owner: admin, db } = await openSession());
    [owner, reviewer] = await Promise.all([newUser(admin, 'Owner'), newUser(admin, 'Reviewer')]);
    projectId = (
      await newProject(owner, {
        labelSchema: { kind: 'single', labels: [{ name: 'ok' }, { name: 'review-me' }, { name: 'fraud' }] },
      })
    ).id;
    await addMember(owner, projectId, reviewer, 'reviewer');
    await importJsonl(owner, projectId, Array.from({ length: 20 }, (_, i) => ({ text: `stored item ${i}` })));
    itemIds = (await db.query<{ id: string }>(`SELECT id::text AS id FROM items WHERE project_id = $1 ORDER BY id`, [projectId])).rows.map((r) => r.id);
    const key = await owner.post<CreatedApiKey>(`/api/projects/${projectId}/api-keys`, { name: 'prod', role: 'service' });
    expect([key.status, key.body.role]).toEqual([201, 'service']);
    service = new ApiClient(stack.baseUrl, key.body.key);
    predictions = generate(1000, itemIds, 'p');
  }, 120_000);
  afterAll(() => closeSession({ stack, db }), 30_000);

  const expectedFor = (req: PredictionRequest) =>
    routePrediction({ policy: POLICY as RoutingPolicy, predictionId: req.predictionId, probs: req.probs, metadata: req.item.metadata });

  function expectMatches(req: PredictionRequest, got: PredictionDecision, policyVersion: number): void {
    const want = expectedFor(req);
    expect({ id: req.predictionId, action: got.action, label: got.label, calibratedProbs: got.calibratedProbs, expectedCosts: got.expectedCosts, reasons: got.reasons }).toEqual({
      id: req.predictionId,
      action: want.action,
      label: want.label,
      calibratedProbs: want.calibratedProbs,
      expectedCosts: want.expectedCosts,
      reasons: want.reasons,
    });
    expect([got.policyVersion, got.reviewId !== null, got.shadow]).toEqual([policyVersion, want.action === 'review', false]);
  }

  it('answers the default policy until one is set, and versions every policy set', async () => {
    const before = await owner.get<RoutingPolicyView>(`${base()}/routing/policy`);
    expect(before.body).toMatchObject({ version: null, isDefault: true, shadowMode: false });
    expect(before.body.policy.costMatrix).toEqual([
      [0, 1, 1],
      [1, 0, 1],
      [1, 1, 0],
    ]);
    const bad = await owner.request('PUT', `${base()}/routing/policy`, { schemaVersion: 1, costMatrix: [[0, 1], [1, 0]], reviewCost: 0.3 });
    expect([bad.status, (bad.body as { errors: { path: string }[] }).errors[0].path]).toEqual([400, 'costMatrix']);
    const badRule = await owner.request('PUT', `${base()}/routing/policy`, { ...POLICY, rules: [{ id: 'x', when: { field: 'a', op: '~', value: 1 } }] });
    expect([badRule.status, (badRule.body as { errors: { path: string }[] }).errors[0].path]).toEqual([400, 'rules.0.when.op']);
    const symmetric = await owner.request<RoutingPolicyView>('PUT', `${base()}/routing/policy`, { schemaVersion: 1, costMatrix: before.body.policy.costMatrix, reviewCost: 0.3 });
    const asymmetric = await owner.request<RoutingPolicyView>('PUT', `${base()}/routing/policy`, POLICY);
    expect([symmetric.status, symmetric.body.version, asymmetric.status, asymmetric.body.version]).toEqual([200, 1, 200, 2]);
    expect((await service.get<RoutingPolicyView>(`${base()}/routing/policy`)).status).toBe(403);
    expect((await owner.get<RoutingPolicyView>(`${base()}/routing/policy`)).body).toMatchObject({ version: 2, isDefault: false, policy: POLICY });
    const versions = await db.query(`SELECT version FROM routing_policies WHERE project_id = $1 ORDER BY version`, [projectId]);
    expect(versions.rows).toEqual([{ version: 1 }, { version: 2 }]);
  }, 60_000);

  it('decides 1,000 predictions, single and batched, exactly as routePrediction does', async () => {
    const singles = predictions.slice(0, 100);
    for (let i = 0; i < singles.length; i += 4) {
      const replies = await Promise.all(singles.slice(i, i + 4).map((p) => service.post<PredictionDecision>(`${base()}/predictions`, p)));
      replies.forEach((r, j) => {
        expect([singles[i + j].predictionId, r.status]).toEqual([singles[i + j].predictionId, 200]);
        answers.set(singles[i + j].predictionId, r.body);
      });
    }
    for (let i = 100; i < predictions.length; i += 300) {
      const chunk = predictions.slice(i, i + 300);
      const r = await service.post<{ decisions: PredictionDecision[] }>(`${base()}/predictions/batch`, { predictions: chunk });
      expect(r.status).toBe(200);
      r.body.decisions.forEach((d, j) => answers.set(chunk[j].predictionId, d));
    }
    for (const p of predictions) expectMatches(p, answers.get(p.predictionId)!, 2);
    const routed = [...answers.values()].filter((a) => a.action === 'review');
    // The generated mix routes a real share, for each kind of reason.
    expect(routed.length).toBeGreaterThan(100);
    expect(routed.length).toBeLessThan(900);
    const kinds = new Set(routed.flatMap((a) => a.reasons.map((r) => r.kind)));
    expect([...kinds].sort()).toEqual(['audit', 'confidence-floor', 'expected-cost', 'rule']);
    const rows = await db.query<{ n: number; reviews: number }>(
      `SELECT (SELECT count(*)::int FROM production_predictions WHERE project_id = $1) AS n,
              (SELECT count(*)::int FROM production_reviews WHERE project_id = $1 AND status = 'open') AS reviews`,
      [projectId],
    );
    expect(rows.rows[0]).toEqual({ n: 1000, reviews: routed.length });
    // The audit record holds the inputs and the outcome.
    const audit = await db.query(`SELECT probs, decided_action, policy_version, model_version FROM production_predictions WHERE project_id = $1 AND client_prediction_id = 'p-7'`, [projectId]);
    expect(audit.rows[0]).toEqual({ probs: predictions[7].probs, decided_action: answers.get('p-7')!.action, policy_version: 2, model_version: '1.0' });
  }, 300_000);

  it('answers a retry with the stored decision, one row even when the retries race', async () => {
    const fresh: PredictionRequest = { predictionId: 'race-1', item: { text: 'twice' }, model: { name: 'spam-clf', version: '1.1' }, probs: [0.5, 0.2, 0.3] };
    const replies = await Promise.all(Array.from({ length: 6 }, () => service.post<PredictionDecision>(`${base()}/predictions`, fresh)));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    for (const r of replies) expect(r.body).toEqual(replies[0].body);
    expectMatches(fresh, replies[0].body, 2);
    const n = await db.query(`SELECT count(*)::int AS n FROM production_predictions WHERE project_id = $1 AND client_prediction_id = 'race-1'`, [projectId]);
    expect(n.rows[0].n).toBe(1);
    // A retry of batched predictions, one by one and as a batch with keys in another order: the stored answers.
    const again = await service.post<PredictionDecision>(`${base()}/predictions`, predictions[500]);
    expect(again.body).toEqual(answers.get('p-500'));
    const reordered = predictions.slice(600, 610).map((p) => ({ probs: p.probs, model: p.model, item: p.item, predictionId: p.predictionId }));
    const batch = await service.post<{ decisions: PredictionDecision[] }>(`${base()}/predictions/batch`, { predictions: reordered });
    expect(batch.body.decisions).toEqual(predictions.slice(600, 610).map((p) => answers.get(p.predictionId)));
    const total = await db.query(`SELECT count(*)::int AS n FROM production_predictions WHERE project_id = $1`, [projectId]);
    expect(total.rows[0].n).toBe(1001);
  }, 60_000);

  it('refuses another body under a used prediction id with a 409 naming predictionId, writing nothing', async () => {
    const changed = { ...predictions[3], probs: [0.1, 0.1, 0.8] };
    const one = await service.post<{ code: string; errors: { path: string }[] }>(`${base()}/predictions`, changed);
    expect([one.status, one.body.code, one.body.errors[0].path]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED', 'predictionId']);
    const fresh = { ...predictions[3], predictionId: 'new-before-conflict' };
    const batch = await service.post<{ errors: { path: string }[] }>(`${base()}/predictions/batch`, { predictions: [fresh, changed] });
    expect([batch.status, batch.body.errors[0].path]).toEqual([409, 'predictions.1.predictionId']);
    const inBatch = await service.post<{ errors: { path: string }[] }>(`${base()}/predictions/batch`, { predictions: [fresh, { ...fresh, probs: [0.2, 0.2, 0.6] }] });
    expect([inBatch.status, inBatch.body.errors[0].path]).toEqual([409, 'predictions.1.predictionId']);
    const n = await db.query(`SELECT count(*)::int AS n FROM production_predictions WHERE project_id = $1 AND client_prediction_id = 'new-before-conflict'`, [projectId]);
    expect(n.rows[0].n).toBe(0);
  }, 60_000);

  it('refuses bad input with a 400 naming the index and field, and writes none of the batch', async () => {
    const good = (i: number): PredictionRequest => ({ predictionId: `bad-batch-${i}`, item: { text: 'x' }, model: { name: 'm', version: '1' }, probs: [0.2, 0.3, 0.5] });
    const batchWith = async (i: number, bad: object) => {
      const list: object[] = Array.from({ length: 20 }, (_, j) => good(j));
      list[i] = { ...good(i), ...bad };
      const r = await service.post<{ errors: { path: string }[] }>(`${base()}/predictions/batch`, { predictions: list });
      return [r.status, r.body.errors?.[0]?.path];
    };
    expect(await batchWith(12, { probs: [0.5, 0.5] })).toEqual([400, 'predictions.12.probs']);
    expect(await batchWith(3, { probs: [0.5, 0.3, 0.1] })).toEqual([400, 'predictions.3.probs']);
    expect(await batchWith(4, { probs: [1.2, -0.1, -0.1] })).toEqual([400, 'predictions.4.probs.0']);
    expect(await batchWith(5, { model: undefined })).toEqual([400, 'predictions.5.model']);
    expect(await batchWith(6, { item: { itemId: '987654321' } })).toEqual([400, 'predictions.6.item.itemId']);
    expect(await batchWith(7, { item: {} })).toEqual([400, 'predictions.7.item']);
    const single = await service.post<{ errors: { path: string }[] }>(`${base()}/predictions`, { ...good(0), probs: [0.3, 0.3, 0.3, 0.1] });
    expect([single.status, single.body.errors[0].path]).toEqual([400, 'probs']);
    const tooMany = await service.post<{ errors: { path: string }[] }>(`${base()}/predictions/batch`, { predictions: Array.from({ length: 5001 }, (_, i) => good(i)) });
    expect([tooMany.status, tooMany.body.errors[0].path]).toEqual([400, 'predictions']);
    const n = await db.query(`SELECT count(*)::int AS n FROM production_predictions WHERE project_id = $1 AND client_prediction_id LIKE 'bad-batch-%'`, [projectId]);
    expect(n.rows[0].n).toBe(0);
  }, 60_000);

  it('lets the service key do nothing but predictions', async () => {
    const refused = [
      await service.post(`${base()}/tasks/next`, { count: 1 }),
      await service.get(`${base()}/lfs`),
      await service.get(`${base()}/items`),
      await service.get('/api/projects'),
      await service.post(`${base()}/api-keys`, { name: 'escalate', role: 'owner' }),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
    expect((await service.get(`${base()}/predictions/p-1`)).status).toBe(200);
    // The reviewer may not post predictions; an unknown prediction id is a 404.
    expect((await reviewer.post(`${base()}/predictions`, predictions[0])).status).toBe(403);
    expect((await service.get(`${base()}/predictions/no-such-prediction`)).status).toBe(404);
  }, 60_000);

  it('lets reviewers resolve every routed prediction once, and the service read each verdict', async () => {
    const open: ProductionReviewPage['reviews'] = [];
    for (let cursor: string | null = null, pages = 0; pages === 0 || cursor !== null; pages++) {
      const page: { body: ProductionReviewPage } = await reviewer.get<ProductionReviewPage>(`${base()}/production-reviews?status=open&limit=200${cursor ? `&after=${cursor}` : ''}`);
      open.push(...page.body.reviews);
      cursor = page.body.cursor;
    }
    const routed = [...answers.values()].filter((a) => a.action === 'review');
    // race-1 (even odds between 0 and 2) was routed too.
    const race = (await service.get<PredictionDecision>(`${base()}/predictions/race-1`)).body;
    expect(open.map((r) => r.reviewId).sort()).toEqual([...routed, race].map((a) => a.reviewId).sort());
    expect(open[0]).toMatchObject({ status: 'open', verdict: null, model: { name: 'spam-clf' } });
    expect((await service.get(`${base()}/production-reviews?status=open`)).status).toBe(403);

    const verdictOf = (i: number, suggested: number) =>
      i % 5 === 4 ? { verdict: 'reject' as const } : i % 3 === 0 ? { verdict: 'correct' as const, label: (suggested + 1) % 3 } : { verdict: 'accept' as const };
    const expectedLabel = (i: number, suggested: number) => (i % 5 === 4 ? null : i % 3 === 0 ? (suggested + 1) % 3 : suggested);
    for (let i = 0; i < open.length; i += 8) {
      const replies = await Promise.all(
        open.slice(i, i + 8).map((r, j) => reviewer.post<PredictionDecision>(`${base()}/production-reviews/${r.reviewId}/verdict`, verdictOf(i + j, r.suggestedLabel))),
      );
      expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
    }
    const second = await reviewer.post<{ code: string }>(`${base()}/production-reviews/${open[0].reviewId}/verdict`, { verdict: 'accept' });
    expect([second.status, second.body.code]).toEqual([409, 'CONFLICT']);
    const badLabel = await reviewer.post<{ errors: { path: string }[] }>(`${base()}/production-reviews/${open[1].reviewId}/verdict`, { verdict: 'correct', label: 3 });
    expect([badLabel.status, badLabel.body.errors[0].path]).toEqual([400, 'label']);

    for (const [i, r] of open.entries()) {
      const read = await service.get<PredictionDecision>(`${base()}/predictions/${encodeURIComponent(r.predictionId)}`);
      expect([r.predictionId, read.status, read.body.verdict?.verdict, read.body.verdict?.label]).toEqual([r.predictionId, 200, verdictOf(i, r.suggestedLabel).verdict, expectedLabel(i, r.suggestedLabel)]);
    }
    // Verdicts on predictions about stored items are those items' gold, with provenance; rejects leave none.
    const gold = await db.query<{ id: string; gold: number[] | null; source: string | null }>(
      `SELECT i.id::text AS id, i.gold, i.gold_source AS source FROM items i WHERE i.project_id = $1 AND i.gold IS NOT NULL`,
      [projectId],
    );
    expect(gold.rows.length).toBeGreaterThan(0);
    for (const row of gold.rows) expect(row.source).toBe('production-review');
    const left = await reviewer.get<ProductionReviewPage>(`${base()}/production-reviews?status=open`);
    expect(left.body.reviews).toEqual([]);
  }, 300_000);

  it('in shadow mode, decides and records a review but answers act and opens none', async () => {
    const settings = await owner.patch(`${base()}/routing/settings`, { shadowMode: true });
    expect(settings.status).toBe(200);
    const flat = generate(40, itemIds, 'shadow').map((p) => ({ ...p, probs: [0.4, 0.3, 0.3] }));
    const r = await service.post<{ decisions: PredictionDecision[] }>(`${base()}/predictions/batch`, { predictions: flat });
    expect(r.status).toBe(200);
    for (const [i, d] of r.body.decisions.entries()) {
      const want = expectedFor(flat[i]);
      expect(want.action).toBe('review');
      expect([d.action, d.decidedAction, d.shadow, d.reviewId, d.expectedCosts, d.reasons]).toEqual(['act', 'review', true, null, want.expectedCosts, want.reasons]);
    }
    const rows = await db.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE decided_action = 'review' AND shadow)::int AS recorded,
              (SELECT count(*)::int FROM production_reviews r JOIN production_predictions p ON p.id = r.prediction_id
                WHERE p.project_id = $1 AND p.client_prediction_id LIKE 'shadow-%') AS reviews
         FROM production_predictions WHERE project_id = $1 AND client_prediction_id LIKE 'shadow-%'`,
      [projectId],
    );
    expect(rows.rows[0]).toEqual({ n: 40, recorded: 40, reviews: 0 });
    await owner.patch(`${base()}/routing/settings`, { shadowMode: false });
  }, 60_000);

  it('stores the default policy as version 1 when the first decision is made under it', async () => {
    const other = (await newProject(owner)).id;
    const key = await owner.post<CreatedApiKey>(`/api/projects/${other}/api-keys`, { name: 'prod', role: 'service' });
    const client = new ApiClient(stack.baseUrl, key.body.key);
    const d = await client.post<PredictionDecision>(`/api/projects/${other}/predictions`, { predictionId: 'd-1', item: { text: 'x' }, model: { name: 'm', version: '1' }, probs: [0.75, 0.25] });
    // 0/1 costs and a review cost of 0.2: wrong with probability 0.25 is routed.
    expect([d.status, d.body.action, d.body.policyVersion, d.body.expectedCosts]).toEqual([200, 'review', 1, [0.25, 0.75]]);
    const stored = await db.query(`SELECT version, policy FROM routing_policies WHERE project_id = $1`, [other]);
    expect(stored.rows).toEqual([{ version: 1, policy: { schemaVersion: 1, costMatrix: [[0, 1], [1, 0]], reviewCost: 0.2 } }]);
    // A label appended later: the stored policy no longer covers the project, and no decision is guessed.
    const grown = await owner.patch(`/api/projects/${other}`, {
      labelSchema: { kind: 'single', labels: [{ name: 'ham', hotkey: 'h' }, { name: 'spam', hotkey: 'p' }, { name: 'other', hotkey: 'o' }] },
    });
    expect(grown.status).toBe(200);
    const after = await client.post<{ code: string }>(`/api/projects/${other}/predictions`, { predictionId: 'd-2', item: { text: 'x' }, model: { name: 'm', version: '1' }, probs: [0.5, 0.25, 0.25] });
    expect([after.status, after.body.code]).toEqual([409, 'CONFLICT']);
  }, 60_000);
});
