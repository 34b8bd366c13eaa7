// The verdict webhook outbox on the machine's PostgreSQL: a verdict and its delivery are written together or not at
// all, a project without a webhook queues none, and a delivery is sent by one claim at a time, never after it was
// delivered; a dead one comes back under a new generation.
import { randomUUID } from 'node:crypto';
import { openTestDatabase, type TestDatabase } from '../test-database.testing';
import { ProductionReviewRepository } from './production-review.repository';
import { WebhookRepository } from './webhook.repository';

describe('WebhookRepository and the verdict outbox', () => {
  let db: TestDatabase;
  let reviews: ProductionReviewRepository;
  let webhooks: WebhookRepository;
  let projectId: string;
  let userId: string;
  let n = 0;
  const body = (d: { clientPredictionId: string }, deliveryId: string) => JSON.stringify({ deliveryId, predictionId: d.clientPredictionId });

  beforeAll(async () => {
    db = await openTestDatabase();
    reviews = new ProductionReviewRepository(db.sql);
    webhooks = new WebhookRepository(db.sql);
    [{ id: projectId }] = await db.sql.many<{ id: string }>(`INSERT INTO projects (name, label_kind, labels) VALUES ('p', 'single', '[{"name":"a"},{"name":"b"}]') RETURNING id`);
    [{ id: userId }] = await db.sql.many<{ id: string }>(`INSERT INTO users (email, name, password_hash) VALUES ('r@x', 'R', 'h') RETURNING id`);
    await db.sql.many(`INSERT INTO routing_policies (project_id, version, policy) VALUES ($1, 1, '{}')`, [projectId]);
  }, 60_000);
  afterAll(() => db?.close(), 30_000);

  /** An open review of a routed prediction. */
  async function openReview(): Promise<string> {
    const reviewId = randomUUID();
    const [{ id }] = await db.sql.many<{ id: string }>(
      `INSERT INTO production_predictions (project_id, client_prediction_id, request_hash, item_text, model_name, model_version, probs,
         calibrated_probs, expected_costs, review_cost, label, decided_action, shadow, reasons, policy_version)
       VALUES ($1, $2, 'h', 't', 'm', '1', '{0.5,0.5}', '{0.5,0.5}', '{0.5,0.5}', 0.2, 0, 'review', false, '[]', 1) RETURNING id::text AS id`,
      [projectId, `p-${++n}`],
    );
    await db.sql.many(`INSERT INTO production_reviews (id, project_id, prediction_id) VALUES ($1, $2, $3)`, [reviewId, projectId, id]);
    return reviewId;
  }
  const rows = (reviewId: string) => db.sql.many<{ id: string; status: string; body: string }>(`SELECT id, status, body FROM webhook_deliveries WHERE review_id = $1`, [reviewId]);
  const reviewStatus = async (reviewId: string) => (await db.sql.one<{ status: string }>(`SELECT status FROM production_reviews WHERE id = $1`, [reviewId]))?.status;

  it('queues no delivery for a project without a webhook', async () => {
    const reviewId = await openReview();
    const out = await reviews.decide(projectId, reviewId, 'accept', null, { userId, senior: false }, body);
    expect(out).toMatchObject({ kind: 'decided', deliveryId: null });
    expect(await rows(reviewId)).toEqual([]);
  }, 30_000);

  it('writes the delivery with the verdict, or neither', async () => {
    await webhooks.put(projectId, 'https://example.com/hook', 'secret-of-sixteen-chars');
    const reviewId = await openReview();
    const out = await reviews.decide(projectId, reviewId, 'correct', 1, { userId, senior: false }, body);
    if (out.kind !== 'decided') throw new Error(out.kind);
    expect(await rows(reviewId)).toEqual([{ id: out.deliveryId, status: 'pending', body: JSON.stringify({ deliveryId: out.deliveryId, predictionId: `p-${n}` }) }]);
    // A second verdict is refused and queues nothing more.
    expect(await reviews.decide(projectId, reviewId, 'accept', null, { userId, senior: false }, body)).toEqual({ kind: 'already-decided' });
    expect(await rows(reviewId)).toHaveLength(1);

    // The delivery cannot be written: the verdict is rolled back with it, and the review stays open.
    const other = await openReview();
    await expect(
      reviews.decide(projectId, other, 'accept', null, { userId, senior: false }, () => {
        throw new Error('no body');
      }),
    ).rejects.toThrow('no body');
    expect([await reviewStatus(other), await rows(other)]).toEqual(['open', []]);
  }, 30_000);

  it('lets one send hold a delivery at a time, and never sends a delivered one', async () => {
    const reviewId = await openReview();
    const out = await reviews.decide(projectId, reviewId, 'reject', null, { userId, senior: false }, body);
    const id = (out as { deliveryId: string }).deliveryId;
    expect(await webhooks.claim(id, 60_000)).toMatchObject({ kind: 'send', url: 'https://example.com/hook', secret: 'secret-of-sixteen-chars' });
    expect(await webhooks.claim(id, 60_000)).toEqual({ kind: 'busy' });
    expect((await webhooks.unclaimedPending('0', 100)).map((d) => d.deliveryId)).not.toContain(id);
    await webhooks.recordAttempt(id, { delivered: false, statusCode: 500, error: 'HTTP 500', final: false });
    expect((await webhooks.unclaimedPending('0', 100)).map((d) => d.deliveryId)).toContain(id);
    expect((await webhooks.claim(id, 60_000)).kind).toBe('send');
    await webhooks.recordAttempt(id, { delivered: true, statusCode: 200, error: null, final: false });
    expect(await webhooks.claim(id, 60_000)).toEqual({ kind: 'done' });
    expect(await webhooks.revive(projectId, id)).toEqual({ kind: 'not-dead', status: 'delivered' });
    expect(await db.sql.one(`SELECT status, attempts, last_status_code FROM webhook_deliveries WHERE id = $1`, [id])).toEqual({ status: 'delivered', attempts: 2, last_status_code: 200 });
  }, 30_000);

  it('makes a delivery dead after its last attempt, or when the webhook is gone, and revives a dead one', async () => {
    const a = (await reviews.decide(projectId, await openReview(), 'accept', null, { userId, senior: false }, body)) as { deliveryId: string };
    const b = (await reviews.decide(projectId, await openReview(), 'accept', null, { userId, senior: false }, body)) as { deliveryId: string };
    await webhooks.claim(a.deliveryId, 60_000);
    await webhooks.recordAttempt(a.deliveryId, { delivered: false, statusCode: null, error: 'ECONNREFUSED', final: true });
    expect(await webhooks.revive(projectId, a.deliveryId)).toEqual({ kind: 'revived', generation: 1 });
    expect(await webhooks.revive(randomUUID(), a.deliveryId)).toEqual({ kind: 'not-found' });

    expect(await webhooks.remove(projectId)).toBe(true);
    expect(await webhooks.claim(b.deliveryId, 60_000)).toEqual({ kind: 'no-webhook' });
    const dead = await webhooks.page(projectId, 'dead', undefined, 10);
    expect(dead.rows.map((d) => [d.deliveryId, d.lastError])).toEqual([[b.deliveryId, 'the project has no webhook']]);
  }, 30_000);
});
