// Leases on production reviews on the machine's PostgreSQL: a claim skips the reviews another claim in flight has
// locked (without waiting for it), concurrent claims never hand one review to two reviewers, an expired lease
// frees the review, a verdict on another's live lease is refused, filters narrow claims and release the rest, and a
// reviewer's claims stay in their pool.
import { Client } from 'pg';
import { openTestDatabase, type TestDatabase } from '../test-database.testing';
import { ProductionReviewRepository } from './production-review.repository';

const LEASE = 600;

/** The projects here have no webhook: the body is never sent. */
const noWebhook = () => '{}';

describe('ProductionReviewRepository leases', () => {
  let db: TestDatabase;
  let repo: ProductionReviewRepository;
  let holder: Client;
  let projectId: string;
  let users: string[];

  /** Opens `n` reviews of model `version` suggesting `label`; their ids in order. */
  async function openReviews(n: number, version = '1.0', label = 0): Promise<string[]> {
    const rows = await db.sql.many<{ id: string }>(
      `WITH p AS (
         INSERT INTO production_predictions (project_id, client_prediction_id, request_hash, item_text, model_name, model_version,
                probs, calibrated_probs, expected_costs, review_cost, label, decided_action, shadow, reasons, policy_version)
         SELECT $1, 'p-' || gen_random_uuid(), 'h', 'text', 'm', $3, '{0.5,0.5}', '{0.5,0.5}', '{0.5,0.5}', 0.2, $4, 'review', false, '[]', 1
           FROM generate_series(1, $2) RETURNING id)
       INSERT INTO production_reviews (id, project_id, prediction_id) SELECT gen_random_uuid(), $1, id FROM p ORDER BY id RETURNING id::text AS id`,
      [projectId, n, version, label],
    );
    // Claims go oldest first: by prediction id, which the insert order follows.
    const ordered = await db.sql.many<{ id: string }>(
      `SELECT id::text AS id FROM production_reviews WHERE id = ANY($1::uuid[]) ORDER BY prediction_id`,
      [rows.map((r) => r.id)],
    );
    return ordered.map((r) => r.id);
  }

  const ids = (rows: { reviewId: string | null }[]) => rows.map((r) => r.reviewId as string);
  /** A reviewer (not an engineer: the senior pool is not theirs). */
  const as = (userId: string) => ({ userId, senior: false });

  beforeAll(async () => {
    db = await openTestDatabase(16);
    repo = new ProductionReviewRepository(db.sql);
    holder = new Client({ connectionString: db.url });
    await holder.connect();
    [{ id: projectId }] = await db.sql.many<{ id: string }>(
      `INSERT INTO projects (name, label_kind, labels) VALUES ('p', 'single', '[{"name":"a"},{"name":"b"}]') RETURNING id`,
    );
    await db.sql.many(`INSERT INTO routing_policies (project_id, version, policy) VALUES ($1, 1, '{}')`, [projectId]);
    users = (
      await db.sql.many<{ id: string }>(
        `INSERT INTO users (email, name, password_hash) SELECT 'r' || g || '@x', 'R' || g, 'h' FROM generate_series(1, 12) g RETURNING id`,
      )
    ).map((u) => u.id);
  }, 60_000);

  afterAll(async () => {
    await holder?.end();
    await db?.close();
  }, 30_000);

  afterEach(async () => {
    await db.sql.many(`DELETE FROM production_reviews`);
  }, 10_000);

  it('skips a review another claim has locked, without waiting, and hands it out once that claim is gone', async () => {
    const reviews = await openReviews(3);
    await holder.query('BEGIN');
    // As a claim in flight holds its picked rows until it commits.
    await holder.query(`SELECT id FROM production_reviews WHERE id = $1 FOR UPDATE`, [reviews[0]]);
    // Answered while the lock is still held: the claim did not wait for it, and did not take it.
    const first = await repo.claim(projectId, as(users[0]), {}, 2, LEASE);
    expect(ids(first)).toEqual([reviews[1], reviews[2]]);
    await holder.query('ROLLBACK');
    expect(ids(await repo.claim(projectId, as(users[1]), {}, 2, LEASE))).toEqual([reviews[0]]);
  }, 30_000);

  it('never hands one review to two reviewers when twelve claim at once', async () => {
    const reviews = await openReviews(30);
    // 12 × 3 > 30: the claims compete for the last reviews.
    const held = await Promise.all(users.map((u) => repo.claim(projectId, as(u), {}, 3, LEASE)));
    const all = held.flatMap(ids);
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual([...reviews].sort());
    for (const h of held) expect(h.length).toBeLessThanOrEqual(3);
    const rows = await db.sql.many<{ n: number }>(`SELECT count(DISTINCT leased_by)::int AS n FROM production_reviews WHERE lease_expires_at > now()`);
    expect(rows[0].n).toBe(held.filter((h) => h.length > 0).length);
  }, 60_000);

  it('renews held leases, frees expired ones, and refuses a verdict on another reviewer’s live lease', async () => {
    const [a, b] = await openReviews(2);
    const mine = await repo.claim(projectId, as(users[0]), {}, 1, LEASE);
    expect(mine.map((r) => [r.reviewId, r.leasedBy])).toEqual([[a, users[0]]]);
    // Claiming again renews what is held and tops up to the count.
    expect(ids(await repo.claim(projectId, as(users[0]), {}, 1, LEASE))).toEqual([a]);
    expect(ids(await repo.claim(projectId, as(users[1]), {}, 2, LEASE))).toEqual([b]);

    const refused = await repo.decide(projectId, a, 'accept', null, as(users[1]), noWebhook);
    expect(refused).toMatchObject({ kind: 'leased-to-another' });
    // The holder's lease runs out: another reviewer's claim takes it, and the former holder may no longer decide it.
    await db.sql.many(`UPDATE production_reviews SET lease_expires_at = now() - interval '1 second' WHERE id = $1`, [a]);
    expect(ids(await repo.claim(projectId, as(users[1]), {}, 2, LEASE)).sort()).toEqual([a, b].sort());
    expect(await repo.decide(projectId, a, 'accept', null, as(users[0]), noWebhook)).toMatchObject({ kind: 'leased-to-another' });
    expect(ids(await repo.claim(projectId, as(users[0]), {}, 1, LEASE))).toEqual([]);
    const decided = await repo.decide(projectId, a, 'correct', 1, as(users[1]), noWebhook);
    expect(decided).toMatchObject({ kind: 'decided', decision: { verdict: 'correct', verdictLabel: 1 } });
    // A free review (its lease expired, nobody took it) is anyone's to decide.
    await db.sql.many(`UPDATE production_reviews SET lease_expires_at = now() - interval '1 second' WHERE id = $1`, [b]);
    expect(await repo.decide(projectId, b, 'reject', null, as(users[2]), noWebhook)).toMatchObject({ kind: 'decided' });
  }, 30_000);

  it('claims only what passes the filters, and releases held reviews outside them', async () => {
    const old0 = await openReviews(2, '1.0', 0);
    const new1 = await openReviews(2, '2.0', 1);
    const new0 = await openReviews(1, '2.0', 0);
    expect(ids(await repo.claim(projectId, as(users[0]), { modelVersion: '2.0' }, 10, LEASE))).toEqual([...new1, ...new0]);
    // Narrowed to label 1: the label-0 review goes back to the queue, where another reviewer gets it.
    expect(ids(await repo.claim(projectId, as(users[0]), { modelVersion: '2.0', label: 1 }, 10, LEASE))).toEqual(new1);
    expect(ids(await repo.claim(projectId, as(users[1]), { label: 0 }, 10, LEASE))).toEqual([...old0, ...new0]);
    const page = await repo.page(projectId, 'open', undefined, 10, false, { modelVersion: '1.0' });
    expect(page.rows.map((r) => [r.reviewId, r.leasedBy])).toEqual(old0.map((id) => [id, users[1]]));
    expect(await repo.openByModelVersion(projectId, false)).toEqual([
      { version: '2.0', count: 3 },
      { version: '1.0', count: 2 },
    ]);
  }, 30_000);

  it('keeps reviewers to their pool: a held review escalated to the senior pool is released to engineers', async () => {
    const [a, b] = await openReviews(2);
    expect(ids(await repo.claim(projectId, as(users[0]), {}, 2, LEASE))).toEqual([a, b]);
    await db.sql.many(`UPDATE production_reviews SET pool = 'senior', escalation = 'senior', escalated_at = now() WHERE id = $1`, [a]);
    expect(ids(await repo.claim(projectId, as(users[0]), {}, 2, LEASE))).toEqual([b]);
    expect(ids(await repo.claim(projectId, { userId: users[1], senior: true }, {}, 2, LEASE))).toEqual([a]);
  }, 30_000);
});
