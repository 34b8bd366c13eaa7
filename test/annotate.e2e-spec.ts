// The annotation loop over HTTP: leases, overlap, idempotent submits, the 409 after a lost lease, skip, undo,
// counters and the export, against the built api on real PostgreSQL and Redis.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Annotation, NextTasksResponse, ProjectStats, UndoResponse } from '@arbiter/contracts';
import { ApiClient, Stack, addMember, closeSession, importJsonl, newProject, newUser, openSession, waitForJob } from '@arbiter/testing';

describe('annotating', () => {
  let stack: Stack;
  let owner: ApiClient;
  let db: Client;
  beforeAll(async () => ({ stack, owner, db } = await openSession()), 90_000);
  afterAll(() => closeSession({ stack, db }), 30_000);

  async function projectWith(n: number, overlap = 1) {
    const p = await newProject(owner, { overlap });
    const rows = Array.from({ length: n }, (_, i) => ({ id: `t${i}`, text: `text number ${i}`, score: i }));
    const r = await importJsonl(owner, p.id, rows, 'format=jsonl&externalIdField=id');
    expect(r.status).toBe(200);
    return p;
  }

  const next = (c: ApiClient, pid: string, count = 1) => c.post<NextTasksResponse>(`/api/projects/${pid}/tasks/next`, { count });
  const submit = (c: ApiClient, pid: string, itemId: string, labels: number[], key = randomUUID()) =>
    c.post<Annotation>(`/api/projects/${pid}/annotations`, { itemId, labels, idempotencyKey: key });

  it('serves items in order, holds a lease and prefetches a second one', async () => {
    const p = await projectWith(3);
    const ann = await newUser(owner, 'Ann');
    await addMember(owner, p.id, ann, 'annotator');
    const first = await next(ann, p.id, 2);
    expect(first.status).toBe(200);
    expect(first.body.tasks.map((t) => t.item.text)).toEqual(['text number 0', 'text number 1']);
    expect(first.body.progress).toEqual({ done: 0, remaining: 3 });
    // Asking again returns the same held leases, not new items.
    const again = await next(ann, p.id, 2);
    expect(again.body.tasks.map((t) => t.item.id)).toEqual(first.body.tasks.map((t) => t.item.id));
    expect(new Date(again.body.tasks[0].leaseExpiresAt).getTime()).toBeGreaterThan(Date.now() + 60_000);
  }, 60_000);

  it('stores a submission once: a retry with the same key returns the same annotation', async () => {
    const p = await projectWith(2);
    const ann = await newUser(owner, 'Bo');
    await addMember(owner, p.id, ann, 'annotator');
    const [task] = (await next(ann, p.id)).body.tasks;
    const key = randomUUID();
    const a = await submit(ann, p.id, task.item.id, [1], key);
    expect(a.status).toBe(201);
    const b = await submit(ann, p.id, task.item.id, [1], key);
    expect(b.status).toBe(200);
    expect(b.body.id).toBe(a.body.id);
    const { rows } = await db.query('SELECT count(*)::int AS n FROM annotations WHERE item_id = $1', [task.item.id]);
    expect(rows[0].n).toBe(1);
    const stats = await owner.get<ProjectStats>(`/api/projects/${p.id}/stats`);
    expect(stats.body.byStatus).toEqual({ new: 1, in_progress: 0, completed: 1 });
    expect(stats.body.byLabel).toEqual([
      { label: 0, name: 'ham', count: 0 },
      { label: 1, name: 'spam', count: 1 },
    ]);
    expect(stats.body.byAnnotator).toEqual([{ userId: ann.user!.id, name: 'Bo', count: 1 }]);
  }, 60_000);

  it('rejects labels outside the schema and multiple labels in a single-label project', async () => {
    const p = await projectWith(1);
    const [task] = (await next(owner, p.id)).body.tasks;
    const r1 = await submit(owner, p.id, task.item.id, [2]);
    expect(r1.status).toBe(400);
    expect(r1.body).toMatchObject({ errors: [{ path: 'labels' }] });
    const r2 = await submit(owner, p.id, task.item.id, [0, 1]);
    expect(r2.status).toBe(400);
  }, 60_000);

  it('gives each item to k distinct annotators with overlap k, never twice to one', async () => {
    const p = await projectWith(2, 2);
    const users = await Promise.all(['Cy', 'Di', 'Ed'].map((n) => newUser(owner, n)));
    for (const u of users) await addMember(owner, p.id, u, 'annotator');
    const got: Record<string, string[]> = {};
    for (const u of users) {
      for (;;) {
        const [t] = (await next(u, p.id)).body.tasks;
        if (!t) break;
        (got[u.user!.name] ??= []).push(t.item.externalId!);
        expect((await submit(u, p.id, t.item.id, [0])).status).toBe(201);
      }
    }
    expect(got).toEqual({ Cy: ['t0', 't1'], Di: ['t0', 't1'] });
    const stats = await owner.get<ProjectStats>(`/api/projects/${p.id}/stats`);
    expect(stats.body.byStatus.completed).toBe(2);
    expect(stats.body.annotations).toBe(4);
  }, 60_000);

  it('answers 409 when a lost lease is submitted after the item was completed elsewhere', async () => {
    const p = await projectWith(1);
    const [slow, fast] = await Promise.all([newUser(owner, 'Slow'), newUser(owner, 'Fast')]);
    await addMember(owner, p.id, slow, 'annotator');
    await addMember(owner, p.id, fast, 'annotator');
    const [t] = (await next(slow, p.id)).body.tasks;
    expect((await next(fast, p.id)).body.tasks).toEqual([]);
    // The lease expires by the database clock.
    await db.query(`UPDATE task_slots SET lease_expires_at = now() - interval '1 second' WHERE item_id = $1`, [t.item.id]);
    const [t2] = (await next(fast, p.id)).body.tasks;
    expect(t2.item.id).toBe(t.item.id);
    expect((await submit(fast, p.id, t2.item.id, [0])).status).toBe(201);
    const late = await submit(slow, p.id, t.item.id, [1]);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'ITEM_COMPLETED_ELSEWHERE' });
    expect((late.body as unknown as { message: string }).message).toMatch(/completed/);
  }, 60_000);

  it('accepts a late submit when the expired lease was not taken by anyone', async () => {
    const p = await projectWith(1);
    const [t] = (await next(owner, p.id)).body.tasks;
    await db.query(`UPDATE task_slots SET lease_expires_at = now() - interval '1 second' WHERE item_id = $1`, [t.item.id]);
    expect((await submit(owner, p.id, t.item.id, [0])).status).toBe(201);
  }, 60_000);

  it('skips an item for good and undoes the last submission', async () => {
    const p = await projectWith(3);
    const ann = await newUser(owner, 'Flo');
    await addMember(owner, p.id, ann, 'annotator');
    const [t0] = (await next(ann, p.id)).body.tasks;
    expect((await ann.post(`/api/projects/${p.id}/tasks/${t0.item.id}/skip`)).status).toBe(204);
    const [t1] = (await next(ann, p.id)).body.tasks;
    expect(t1.item.externalId).toBe('t1');
    expect((await submit(ann, p.id, t1.item.id, [1])).status).toBe(201);
    const undo = await ann.post<UndoResponse>(`/api/projects/${p.id}/annotations/undo`);
    expect(undo.status).toBe(200);
    expect(undo.body.undone.itemId).toBe(t1.item.id);
    expect(undo.body.task.item.id).toBe(t1.item.id);
    const stats = await owner.get<ProjectStats>(`/api/projects/${p.id}/stats`);
    expect(stats.body.byStatus).toEqual({ new: 3, in_progress: 0, completed: 0 });
    expect(stats.body.annotations).toBe(0);
    // The undone item is the current task again; the skipped one never comes back.
    const after = await next(ann, p.id, 3);
    expect(after.body.tasks.map((t) => t.item.externalId)).toEqual(['t1', 't2']);
    expect((await ann.post(`/api/projects/${p.id}/annotations/undo`)).status).toBe(404);
  }, 60_000);

  it('undoes the latest submission when annotation ids gain a digit (9 then 10, 99 then 100)', async () => {
    const p = await projectWith(120);
    const ann = await newUser(owner, 'Digits');
    await addMember(owner, p.id, ann, 'annotator');
    let first = '';
    let last: Annotation | undefined;
    // Submit until the newest id is one digit longer than the first: text order would now pick the wrong one.
    while (!last || last.id.length === first.length) {
      const [t] = (await next(ann, p.id)).body.tasks;
      last = (await submit(ann, p.id, t.item.id, [0])).body;
      first ||= last.id;
    }
    const undo = await ann.post<UndoResponse>(`/api/projects/${p.id}/annotations/undo`);
    expect(undo.body.undone).toMatchObject({ id: last.id, itemId: last.itemId });
  }, 60_000);

  it('exports the current labels as JSONL and CSV, streamed', async () => {
    const p = await projectWith(2);
    for (let i = 0; i < 2; i++) {
      const [t] = (await next(owner, p.id)).body.tasks;
      await submit(owner, p.id, t.item.id, [i]);
    }
    const jsonl = await owner.get<string>(`/api/projects/${p.id}/export?format=jsonl`);
    expect(jsonl.status).toBe(200);
    const lines = jsonl.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.externalId, l.label, l.labelSource])).toEqual([
      ['t0', ['ham'], 'annotations'],
      ['t1', ['spam'], 'annotations'],
    ]);
    expect(lines[0].annotations[0]).toMatchObject({ annotator: stack.admin.email, labels: ['ham'] });
    expect(lines[0].metadata).toEqual({ score: 0 });
    expect(lines.map((l) => l.weakLabel)).toEqual([null, null]);
    const csv = await owner.get<string>(`/api/projects/${p.id}/export?format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const csvLines = csv.body.trim().split('\n');
    expect(csvLines[0]).toBe('id,external_id,text,label,label_source,gold,annotation_count,annotations,weak_label,weak_confidence');
    expect(csvLines).toHaveLength(3);
    expect(csvLines[2]).toContain(',t1,text number 1,spam,annotations,,1,');
  }, 60_000);

  it('repairs tampered counters with a recount job run by the worker', async () => {
    const p = await projectWith(4);
    const [t] = (await next(owner, p.id)).body.tasks;
    await submit(owner, p.id, t.item.id, [1]);
    await db.query(`UPDATE project_counters SET value = 999 WHERE project_id = $1`, [p.id]);
    const r = await owner.post<{ jobId: string }>(`/api/projects/${p.id}/recount`);
    expect(r.status).toBe(202);
    expect(await waitForJob(owner, p.id, r.body.jobId)).toBe('completed');
    const stats = await owner.get<ProjectStats>(`/api/projects/${p.id}/stats`);
    expect(stats.body.byStatus).toEqual({ new: 3, in_progress: 0, completed: 1 });
    expect(stats.body.byLabel.map((l) => l.count)).toEqual([0, 1]);
    expect(stats.body.annotations).toBe(1);
  }, 60_000);
});
