// Annotation integrity over HTTP on real PostgreSQL and Redis: no submission takes a live lease from its holder,
// only served items may be submitted, a paused annotator keeps only the work in hand, one idempotency key never
// stores two labels (nor a 500), undo has a window and stops at adjudication, reviewers do not decide their own
// items unless the project allows it, and a project never loses its last owner.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Annotation, Member, NextTasksResponse, Project, ReviewPage } from '@arbiter/contracts';
import { ApiClient, Stack, addMember, closeSession, importJsonl, newProject, newUser, openSession } from '@arbiter/testing';

describe('annotation integrity', () => {
  let stack: Stack;
  let owner: ApiClient;
  let db: Client;
  beforeAll(async () => ({ stack, owner, db } = await openSession()), 90_000);
  afterAll(() => closeSession({ stack, db }), 30_000);

  const next = (c: ApiClient, pid: string, count = 1) => c.post<NextTasksResponse>(`/api/projects/${pid}/tasks/next`, { count });
  const submit = (c: ApiClient, pid: string, itemId: string, labels: number[], key = randomUUID()) =>
    c.post<Annotation>(`/api/projects/${pid}/annotations`, { itemId, labels, idempotencyKey: key });
  const expire = (itemId: string, userId: string) =>
    db.query(`UPDATE task_slots SET lease_expires_at = now() - interval '1 second' WHERE item_id = $1 AND user_id = $2`, [itemId, userId]);

  async function projectWith(n: number, patch: Partial<Project> = {}, extra: object[] = []) {
    const p = await newProject(owner, patch);
    const rows = [...Array.from({ length: n }, (_, i) => ({ id: `t${i}`, text: `text ${i}` })), ...extra];
    expect((await importJsonl(owner, p.id, rows, 'format=jsonl&externalIdField=id&goldField=gold')).status).toBe(200);
    return p;
  }

  async function members(p: Project, ...names: string[]): Promise<ApiClient[]> {
    const users = await Promise.all(names.map((n) => newUser(owner, n)));
    for (const u of users) await addMember(owner, p.id, u, 'annotator');
    return users;
  }

  it('gives a late submitter the free slot, never a live lease of someone else (overlap 3)', async () => {
    const p = await projectWith(1, { overlap: 3 });
    const [a, b, c] = await members(p, 'A', 'B', 'C');
    const [t] = (await next(a, p.id)).body.tasks;
    await expire(t.item.id, a.user!.id);
    // B takes A's expired slot, C a free one: B and C now hold live leases, one slot is free, A holds nothing.
    expect((await next(b, p.id)).body.tasks[0].item.id).toBe(t.item.id);
    expect((await next(c, p.id)).body.tasks[0].item.id).toBe(t.item.id);
    const slots = await db.query(`SELECT state, user_id FROM task_slots WHERE item_id = $1 ORDER BY slot`, [t.item.id]);
    expect(slots.rows.map((r) => [r.state, r.user_id])).toEqual([
      ['leased', b.user!.id],
      ['leased', c.user!.id],
      ['free', null],
    ]);

    expect((await submit(a, p.id, t.item.id, [0])).status).toBe(201);
    expect((await submit(b, p.id, t.item.id, [1])).status).toBe(201);
    expect((await submit(c, p.id, t.item.id, [1])).status).toBe(201);
    const stored = await db.query(`SELECT user_id FROM annotations WHERE item_id = $1 ORDER BY user_id`, [t.item.id]);
    expect(stored.rows.map((r) => r.user_id).sort()).toEqual([a.user!.id, b.user!.id, c.user!.id].sort());
  }, 60_000);

  it('answers 409 LEASE_LOST to a late submitter when the only slot is held by another annotator, who then submits', async () => {
    const p = await projectWith(1);
    const [a, b] = await members(p, 'Late', 'Holder');
    const [t] = (await next(a, p.id)).body.tasks;
    await expire(t.item.id, a.user!.id);
    expect((await next(b, p.id)).body.tasks[0].item.id).toBe(t.item.id);
    const late = await submit(a, p.id, t.item.id, [0]);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'LEASE_LOST' });
    expect((await submit(b, p.id, t.item.id, [1])).status).toBe(201);
  }, 60_000);

  it('refuses a submission for an item never served to the annotator, so colluders cannot fill chosen items', async () => {
    const p = await projectWith(3, { overlap: 2 });
    const [a, b] = await members(p, 'Colluder1', 'Colluder2');
    const { rows } = await db.query<{ id: string }>(`SELECT id::text FROM items WHERE project_id = $1 AND external_id = 't2'`, [p.id]);
    for (const u of [a, b]) {
      const r = await submit(u, p.id, rows[0].id, [1]);
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ code: 'ITEM_NOT_SERVED' });
    }
    const stored = await db.query(`SELECT count(*)::int AS n FROM annotations WHERE project_id = $1`, [p.id]);
    expect(stored.rows[0].n).toBe(0);
    // Served once, it may be submitted even after its lease lapsed (and nobody else took it).
    const [t] = (await next(a, p.id)).body.tasks;
    await expire(t.item.id, a.user!.id);
    expect((await submit(a, p.id, t.item.id, [1])).status).toBe(201);
  }, 60_000);

  it('lets a paused annotator finish what they hold under a live lease, and refuses everything else with ANNOTATOR_PAUSED', async () => {
    const gold = Array.from({ length: 3 }, (_, i) => ({ id: `g${i}`, text: `gold ${i}`, gold: 'ham' }));
    const p = await projectWith(4, { goldShare: 0.5, minGoldAccuracy: 1, minGoldAnswers: 1 }, gold);
    const [a] = await members(p, 'Careless');
    // With a share of 0.5 the second of three tasks is a check: hold a task, a check and a task.
    const tasks = (await next(a, p.id, 3)).body.tasks;
    expect(tasks.map((t) => t.item.externalId![0])).toEqual(['t', 'g', 't']);
    const [first, check, third] = tasks;
    expect((await submit(a, p.id, check.item.id, [1])).status).toBe(201); // wrong: gold is ham (0)
    const refused = await next(a, p.id);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'ANNOTATOR_PAUSED' });

    // Held under a live lease: kept. Held once but lapsed: refused, like anything new.
    expect((await submit(a, p.id, first.item.id, [0])).status).toBe(201);
    await expire(third.item.id, a.user!.id);
    const lapsed = await submit(a, p.id, third.item.id, [0]);
    expect(lapsed.status).toBe(403);
    expect(lapsed.body).toMatchObject({ code: 'ANNOTATOR_PAUSED' });
    const stored = await db.query(`SELECT i.external_id FROM annotations a JOIN items i ON i.id = a.item_id WHERE a.project_id = $1`, [p.id]);
    expect(stored.rows.map((r) => r.external_id)).toEqual([first.item.externalId]);
  }, 60_000);

  it('answers 409 IDEMPOTENCY_KEY_REUSED, never a 500, to one key sent for two items at once', async () => {
    const p = await projectWith(20);
    const [a] = await members(p, 'Retrier');
    for (let round = 0; round < 10; round++) {
      const [t1, t2] = (await next(a, p.id, 2)).body.tasks;
      const key = randomUUID();
      const replies = await Promise.all([submit(a, p.id, t1.item.id, [0], key), submit(a, p.id, t2.item.id, [1], key)]);
      expect(replies.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(replies.find((r) => r.status === 409)!.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      const loser = replies.findIndex((r) => r.status === 409);
      // The refused item is still the annotator's to label with a fresh key.
      expect((await submit(a, p.id, [t1, t2][loser].item.id, [0])).status).toBe(201);
    }
    const stored = await db.query(`SELECT count(*)::int AS n, count(DISTINCT idempotency_key)::int AS keys FROM annotations WHERE project_id = $1`, [p.id]);
    expect(stored.rows[0]).toEqual({ n: 20, keys: 20 });
  }, 120_000);

  it('undoes only within the project window and never after a reviewer decided the item; reviewers do not decide their own items unless allowed', async () => {
    const p = await projectWith(2, { overlap: 2, undoWindowSeconds: 600 });
    const [a] = await members(p, 'Undoer');
    const reviewer = await newUser(owner, 'Reviewer');
    const other = await newUser(owner, 'OtherReviewer');
    await addMember(owner, p.id, reviewer, 'reviewer');
    await addMember(owner, p.id, other, 'reviewer');

    // Past the window: refused, and the label stays.
    const [t0] = (await next(a, p.id)).body.tasks;
    const s0 = await submit(a, p.id, t0.item.id, [0]);
    await db.query(`UPDATE annotations SET created_at = now() - interval '11 minutes' WHERE id = $1`, [s0.body.id]);
    const late = await a.post(`/api/projects/${p.id}/annotations/undo`);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'UNDO_WINDOW_PASSED' });

    // The reviewer labels the same item differently: a disagreement for review, which the reviewer may not decide.
    const [r0] = (await next(reviewer, p.id)).body.tasks;
    expect(r0.item.id).toBe(t0.item.id);
    expect((await submit(reviewer, p.id, r0.item.id, [1])).status).toBe(201);
    let page: ReviewPage | undefined;
    for (let i = 0; i < 300 && !page?.items.length; i++) {
      page = (await other.get<ReviewPage>(`/api/projects/${p.id}/review`)).body;
      if (!page.items.length) await new Promise((res) => setTimeout(res, 100));
    }
    expect(page!.items.map((x) => x.itemId)).toEqual([t0.item.id]);
    const own = await reviewer.post(`/api/projects/${p.id}/review/${t0.item.id}/decision`, { labels: [1] });
    expect(own.status).toBe(403);
    expect(own.body).toMatchObject({ code: 'SELF_REVIEW_FORBIDDEN' });
    expect((await other.post(`/api/projects/${p.id}/review/${t0.item.id}/decision`, { labels: [0] })).status).toBe(204);
    // An owner allows self-review: now the reviewer may revise it.
    expect((await owner.patch(`/api/projects/${p.id}`, { allowSelfReview: true })).status).toBe(200);
    expect((await reviewer.request('PUT', `/api/projects/${p.id}/review/${t0.item.id}/decision`, { labels: [1] })).status).toBe(204);

    // Within the window, but the item was decided: refused. Fresh and undecided: undone.
    await db.query(`UPDATE annotations SET created_at = now() WHERE id = $1`, [s0.body.id]);
    const decided = await a.post(`/api/projects/${p.id}/annotations/undo`);
    expect(decided.status).toBe(409);
    expect(decided.body).toMatchObject({ code: 'ITEM_ADJUDICATED' });
    const [t1] = (await next(a, p.id)).body.tasks;
    expect((await submit(a, p.id, t1.item.id, [0])).status).toBe(201);
    expect((await a.post(`/api/projects/${p.id}/annotations/undo`)).status).toBe(200);
  }, 90_000);

  it('keeps the last owner (demoting or removing them is a 409), and when two owners remove each other at once one stays', async () => {
    const [o1, o2] = await Promise.all([newUser(owner, 'OwnerOne'), newUser(owner, 'OwnerTwo')]);
    const p = await newProject(o1);
    const demote = await o1.post(`/api/projects/${p.id}/members`, { email: o1.user!.email, role: 'engineer' });
    expect(demote.status).toBe(409);
    expect(demote.body).toMatchObject({ code: 'LAST_OWNER' });
    expect((await o1.delete(`/api/projects/${p.id}/members/${o1.user!.id}`)).body).toMatchObject({ code: 'LAST_OWNER' });

    // The lock that makes this hold whatever the interleaving is shown in project.repository.int-spec.ts.
    let [keeper, other] = [o1, o2];
    for (let round = 0; round < 5; round++) {
      await addMember(keeper, p.id, other, 'owner');
      const replies = await Promise.all([
        keeper.delete(`/api/projects/${p.id}/members/${other.user!.id}`),
        other.delete(`/api/projects/${p.id}/members/${keeper.user!.id}`),
      ]);
      // One removal wins; the other is refused as the last owner (409), or its caller was already removed (404).
      const statuses = replies.map((r) => r.status).sort();
      expect(statuses[0]).toBe(204);
      expect([404, 409]).toContain(statuses[1]);
      const owners = (await owner.get<Member[]>(`/api/projects/${p.id}/members`)).body.filter((m) => m.role === 'owner');
      expect(owners).toHaveLength(1);
      [keeper, other] = owners[0].userId === o1.user!.id ? [o1, o2] : [o2, o1];
    }
  }, 90_000);

  it('lets an instance admin act on any project, member or not', async () => {
    const o = await newUser(owner, 'Solo');
    const p = await newProject(o);
    // The admin (owner's client is the first admin) is not a member, yet sees and manages the project.
    expect((await owner.get<Project>(`/api/projects/${p.id}`)).body).toMatchObject({ id: p.id, myRole: 'owner' });
    const helper = await newUser(owner, 'Rescuer');
    expect((await owner.post(`/api/projects/${p.id}/members`, { email: helper.user!.email, role: 'owner' })).status).toBe(201);
    expect((await owner.get<Project[]>('/api/projects')).body.map((x) => x.id)).toContain(p.id);
  }, 60_000);
});
