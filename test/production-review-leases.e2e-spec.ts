// Reviewers' leases on production reviews over HTTP and socket.io: a prediction that opens reviews is announced to
// the project room (a retry announces nothing); the list and the claim filter by model version and suggested label;
// reviewers claim and hold reviews, a verdict on another's live lease is a 409 and an expired lease frees the review;
// six reviewers claiming at once never share a review; annotators and API keys (service keys included) may not claim.
import type { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { ClaimProductionReviewsResponse, CreatedApiKey, PredictionDecision, PredictionRequest, ProductionReviewPage, ProductionReviewsEvent } from '@arbiter/contracts';
import { addMember, ApiClient, closeSession, newProject, newUser, openSession, Stack } from '@arbiter/testing';

const LABELS = { kind: 'single' as const, labels: [{ name: 'ham' }, { name: 'spam' }, { name: 'other' }] };
// The default policy (0/1 costs, review cost 0.2) routes a prediction whose top probability is under 0.8.
const ROUTED: Record<number, number[]> = { 0: [0.5, 0.3, 0.2], 1: [0.2, 0.6, 0.2], 2: [0.1, 0.3, 0.6] };
const CONFIDENT = [0.9, 0.05, 0.05];

/** `n` routed predictions suggesting `label` from model version `version`. */
const routed = (prefix: string, n: number, version: string, label: number): PredictionRequest[] =>
  Array.from({ length: n }, (_, i) => ({ predictionId: `${prefix}-${i}`, item: { text: `${prefix} text ${i}`, metadata: { i } }, model: { name: 'spam-clf', version }, probs: ROUTED[label] }));

describe('production review leases, filters and live escalations', () => {
  let stack: Stack;
  let db: Client;
  let owner: ApiClient;
  let engineer: ApiClient;
  let annotator: ApiClient;
  let reviewers: ApiClient[];
  let service: ApiClient;
  let ownerKey: ApiClient;
  let projectId: string;
  let socket: Socket;
  const events: ProductionReviewsEvent[] = [];
  const base = (id = projectId) => `/api/projects/${id}`;

  async function eventsUntil(n: number): Promise<ProductionReviewsEvent[]> {
    for (let i = 0; i < 200 && events.length < n; i++) await new Promise((r) => setTimeout(r, 50));
    return events;
  }

  async function serviceKeyOf(id: string): Promise<ApiClient> {
    const key = await owner.post<CreatedApiKey>(`${base(id)}/api-keys`, { name: 'prod', role: 'service' });
    return new ApiClient(stack.baseUrl, key.body.key);
  }

  beforeAll(async () => {
    let admin: ApiClient;
    ({ stack, owner: admin, db } = await openSession());
    const names = ['Owner', 'Engineer', 'Annotator', ...Array.from({ length: 6 }, (_, i) => `Reviewer ${i + 1}`)];
    const clients = await Promise.all(names.map((n) => newUser(admin, n)));
    [owner, engineer, annotator, ...reviewers] = clients;
    projectId = (await newProject(owner, { labelSchema: LABELS })).id;
    await addMember(owner, projectId, engineer, 'engineer');
    await addMember(owner, projectId, annotator, 'annotator');
    for (const r of reviewers) await addMember(owner, projectId, r, 'reviewer');
    service = await serviceKeyOf(projectId);
    const key = await owner.post<CreatedApiKey>(`${base()}/api-keys`, { name: 'owner key', role: 'owner' });
    ownerKey = new ApiClient(stack.baseUrl, key.body.key);

    socket = io(stack.baseUrl, { extraHeaders: { cookie: reviewers[0].sessionCookie! }, transports: ['websocket'] });
    socket.on('project:production-reviews', (e: ProductionReviewsEvent) => events.push(e));
    await new Promise<void>((res, rej) => {
      socket.on('connect', () => res());
      socket.on('connect_error', rej);
    });
    expect(await socket.emitWithAck('project:join', { projectId })).toEqual({ ok: true });
  }, 120_000);
  afterAll(async () => {
    socket?.disconnect();
    await closeSession({ stack, db });
  }, 30_000);

  it('announces opened reviews to the project room, and a retry announces nothing', async () => {
    const batch = [
      ...routed('v1-ham', 4, '1.0', 0),
      ...routed('v2-spam', 3, '2.0', 1),
      ...routed('v2-ham', 2, '2.0', 0),
      { predictionId: 'confident', item: { text: 'sure' }, model: { name: 'spam-clf', version: '2.0' }, probs: CONFIDENT },
    ];
    const r = await service.post<{ decisions: PredictionDecision[] }>(`${base()}/predictions/batch`, { predictions: batch });
    expect(r.body.decisions.map((d) => d.action)).toEqual([...Array(9).fill('review'), 'act']);
    // The retry writes and opens nothing; the next new routed prediction is announced alone, after it.
    expect((await service.post(`${base()}/predictions/batch`, { predictions: batch })).status).toBe(200);
    const [other] = routed('v1-other', 1, '1.0', 2);
    expect((await service.post<PredictionDecision>(`${base()}/predictions`, other)).body.action).toBe('review');
    expect(await eventsUntil(2)).toEqual([
      { projectId, opened: 9 },
      { projectId, opened: 1 },
    ]);
  }, 60_000);

  it('filters the list and the claim by model version and suggested label', async () => {
    const list = async (query: string) =>
      (await reviewers[1].get<ProductionReviewPage>(`${base()}/production-reviews?status=open&${query}`)).body.reviews.map((r) => r.predictionId);
    expect(await list('modelVersion=2.0')).toEqual(['v2-spam-0', 'v2-spam-1', 'v2-spam-2', 'v2-ham-0', 'v2-ham-1']);
    expect(await list('label=0')).toEqual(['v1-ham-0', 'v1-ham-1', 'v1-ham-2', 'v1-ham-3', 'v2-ham-0', 'v2-ham-1']);
    expect(await list('modelVersion=1.0&label=2')).toEqual(['v1-other-0']);

    const claim = await reviewers[1].post<ClaimProductionReviewsResponse>(`${base()}/production-reviews/claim`, { count: 2, modelVersion: '2.0', label: 0 });
    expect(claim.status).toBe(200);
    expect(claim.body.reviews.map((r) => [r.predictionId, r.model.version, r.suggestedLabel, r.lease?.mine, r.deadline])).toEqual([
      ['v2-ham-0', '2.0', 0, true, null],
      ['v2-ham-1', '2.0', 0, true, null],
    ]);
    expect(claim.body.reviews[0]).toMatchObject({ item: { text: 'v2-ham text 0', metadata: { i: 0 } }, calibratedProbs: ROUTED[0], reasons: [{ kind: 'expected-cost' }] });
    expect(claim.body.open).toEqual({ total: 10, modelVersions: [{ version: '1.0', count: 5 }, { version: '2.0', count: 5 }] });
    expect(claim.body.leaseSeconds).toBe(900);
    // Another reviewer's claim under the same filter finds nothing free; their list shows whose lease it is not.
    const second = await reviewers[2].post<ClaimProductionReviewsResponse>(`${base()}/production-reviews/claim`, { modelVersion: '2.0', label: 0 });
    expect(second.body.reviews).toEqual([]);
    const seen = (await reviewers[2].get<ProductionReviewPage>(`${base()}/production-reviews?modelVersion=2.0&label=0`)).body.reviews;
    expect(seen.map((r) => r.lease?.mine)).toEqual([false, false]);

    const bad = async (c: ApiClient, method: 'GET' | 'POST', path: string, body?: object) => {
      const res = await c.request<{ errors: { path: string }[] }>(method, path, body);
      return [res.status, res.body.errors?.[0]?.path];
    };
    expect(await bad(reviewers[1], 'GET', `${base()}/production-reviews?label=3`)).toEqual([400, 'label']);
    expect(await bad(reviewers[1], 'POST', `${base()}/production-reviews/claim`, { label: 3 })).toEqual([400, 'label']);
    expect(await bad(reviewers[1], 'POST', `${base()}/production-reviews/claim`, { count: 51 })).toEqual([400, 'count']);
    expect(await bad(reviewers[1], 'POST', `${base()}/production-reviews/claim`, { model: '2.0' })).toEqual([400, '(body)']);
  }, 60_000);

  it('lets reviewers and above claim, never annotators or API keys', async () => {
    const claim = (c: ApiClient) => c.post(`${base()}/production-reviews/claim`, { count: 1, label: 2 });
    const [a, s, k, e] = await Promise.all([claim(annotator), claim(service), claim(ownerKey), claim(engineer)]);
    expect([a.status, s.status, k.status, e.status]).toEqual([403, 403, 403, 200]);
  }, 30_000);

  it('refuses a verdict on another reviewer’s live lease with a 409, and frees the review once the lease expires', async () => {
    const held = (await reviewers[1].post<ClaimProductionReviewsResponse>(`${base()}/production-reviews/claim`, { count: 1, modelVersion: '2.0', label: 0 })).body.reviews;
    const target = held[0];
    const refused = await reviewers[3].post<{ code: string; message: string; leaseExpiresAt: string }>(`${base()}/production-reviews/${target.reviewId}/verdict`, { verdict: 'accept' });
    expect([refused.status, refused.body.code]).toEqual([409, 'LEASE_LOST']);
    expect(refused.body.message).toMatch(/^another reviewer holds this review under a lease until /);
    expect(refused.body.leaseExpiresAt).toBe(target.lease?.expiresAt);
    expect((await service.get<PredictionDecision>(`${base()}/predictions/${target.predictionId}`)).body.verdict).toBeNull();

    // The holder walks away: once the lease is past, another reviewer's claim takes the review and decides it.
    await db.query(`UPDATE production_reviews SET lease_expires_at = now() - interval '1 second' WHERE id = $1`, [target.reviewId]);
    const taken = await reviewers[3].post<ClaimProductionReviewsResponse>(`${base()}/production-reviews/claim`, { count: 1, modelVersion: '2.0', label: 0 });
    expect(taken.body.reviews.map((r) => r.reviewId)).toEqual([target.reviewId]);
    const late = await reviewers[1].post<{ code: string }>(`${base()}/production-reviews/${target.reviewId}/verdict`, { verdict: 'accept' });
    expect([late.status, late.body.code]).toEqual([409, 'LEASE_LOST']);
    const ok = await reviewers[3].post<PredictionDecision>(`${base()}/production-reviews/${target.reviewId}/verdict`, { verdict: 'correct', label: 1 });
    expect([ok.status, ok.body.verdict?.verdict, ok.body.verdict?.label]).toEqual([200, 'correct', 1]);
    expect((await service.get<PredictionDecision>(`${base()}/predictions/${target.predictionId}`)).body.verdict).toMatchObject({ verdict: 'correct', label: 1 });
  }, 60_000);

  it('never hands one review to two of six reviewers claiming at once', async () => {
    const other = (await newProject(owner, { labelSchema: LABELS })).id;
    for (const r of reviewers) await addMember(owner, other, r, 'reviewer');
    const key = await serviceKeyOf(other);
    const opened = await key.post<{ decisions: PredictionDecision[] }>(`${base(other)}/predictions/batch`, { predictions: routed('race', 40, '1.0', 1) });
    const reviewIds = opened.body.decisions.map((d) => d.reviewId as string);
    // Six claims of eight, then six more at once: 96 asked for 40 reviews.
    const rounds: ClaimProductionReviewsResponse[][] = [];
    for (let round = 0; round < 2; round++) {
      const replies = await Promise.all(reviewers.map((r) => r.post<ClaimProductionReviewsResponse>(`${base(other)}/production-reviews/claim`, { count: 8 * (round + 1) })));
      expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
      rounds.push(replies.map((r) => r.body));
    }
    const final = rounds[1].flatMap((b) => b.reviews.map((r) => r.reviewId));
    expect(new Set(final).size).toBe(final.length);
    expect([...final].sort()).toEqual([...reviewIds].sort());
    // The second round renewed the first's leases: every reviewer still holds what they claimed first.
    rounds[0].forEach((b, i) => expect(rounds[1][i].reviews.map((r) => r.reviewId)).toEqual(expect.arrayContaining(b.reviews.map((r) => r.reviewId))));
    const leases = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM production_reviews WHERE project_id = $1 AND leased_by IS NOT NULL AND lease_expires_at > now()`,
      [other],
    );
    expect(leases.rows[0].n).toBe(40);
  }, 60_000);
});
