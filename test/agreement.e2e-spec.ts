// Three annotators label a seeded project with known disagreements (the hand-derived fixture of
// libs/domain/agreement): the worker's report carries the expected kappa matrix, Fleiss' kappa and alpha, the
// disagreeing items go to review, and a reviewer's decision becomes gold with provenance.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { io } from 'socket.io-client';
import type { AgreementResponse, NextTasksResponse, ReviewPage } from '@arbiter/contracts';
import { ApiClient, Stack, addMember, closeSession, importJsonl, newProject, newUser, openSession } from '@arbiter/testing';

const fixture = JSON.parse(readFileSync(resolve(__dirname, '../libs/domain/agreement/fixtures/report/three-annotators.json'), 'utf8'));

describe('agreement, consensus and adjudication in the workflow', () => {
  let stack: Stack;
  let owner: ApiClient;
  let db: Client;
  beforeAll(async () => ({ stack, owner, db } = await openSession()), 90_000);
  afterAll(() => closeSession({ stack, db }), 30_000);

  async function waitForReport(pid: string, annotations: number) {
    for (let i = 0; i < 300; i++) {
      const r = await owner.get<AgreementResponse>(`/api/projects/${pid}/agreement`);
      if (r.body.report && r.body.report.annotations === annotations) return r.body.report;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(`no report with ${annotations} annotations:\n${stack.logs()}`);
  }

  it('reports the expected matrix and coefficients, sends disagreements to review, and records decisions as gold', async () => {
    const p = await newProject(owner, { overlap: 3 });
    const rows = Array.from({ length: 10 }, (_, i) => ({
      id: `i${i}`,
      text: `item ${i}`,
      ...(fixture.gold[String(i)] !== undefined ? { gold: fixture.gold[String(i)] } : {}),
    }));
    expect((await importJsonl(owner, p.id, rows, 'format=jsonl&externalIdField=id&goldField=gold')).body).toMatchObject({ inserted: 10 });

    const socket = io(stack.baseUrl, { extraHeaders: { cookie: owner.sessionCookie! }, transports: ['websocket'] });
    const pushed: unknown[] = [];
    socket.on('project:agreement', (e: unknown) => pushed.push(e));
    await new Promise<void>((res, rej) => {
      socket.on('connect', () => res());
      socket.on('connect_error', rej);
    });
    expect(await socket.emitWithAck('project:join', { projectId: p.id })).toEqual({ ok: true });

    const annotators: Record<string, ApiClient> = {};
    for (const name of ['A', 'B', 'C']) {
      annotators[name] = await newUser(owner, `Annotator ${name}`);
      await addMember(owner, p.id, annotators[name], 'annotator');
    }
    for (const [name, client] of Object.entries(annotators)) {
      for (;;) {
        const [t] = (await client.post<NextTasksResponse>(`/api/projects/${p.id}/tasks/next`, { count: 1 })).body.tasks;
        if (!t) break;
        const label = fixture.labels[name][Number(t.item.externalId!.slice(1))];
        const s = await client.post(`/api/projects/${p.id}/annotations`, { itemId: t.item.id, labels: [label], idempotencyKey: randomUUID() });
        expect(s.status).toBe(201);
      }
    }

    const report = await waitForReport(p.id, 30);
    const names = report.matrix.raters.map((r) => r.name);
    expect([...names].sort()).toEqual(['Annotator A', 'Annotator B', 'Annotator C']);
    const kappa = (a: string, b: string) => report.matrix.kappa[names.indexOf(`Annotator ${a}`)][names.indexOf(`Annotator ${b}`)];
    expect(kappa('A', 'B')).toBeCloseTo(fixture.expected.kappa['A-B'], 9);
    expect(kappa('A', 'C')).toBeCloseTo(fixture.expected.kappa['A-C'], 9);
    expect(kappa('B', 'C')).toBeCloseTo(fixture.expected.kappa['B-C'], 9);
    expect(report.overall.fleiss.value).toBeCloseTo(fixture.expected.fleiss.value, 9);
    expect(report.overall.alpha.value).toBeCloseTo(fixture.expected.alpha.value, 9);
    expect(report.overall.alpha.n).toBe(10);
    expect(report.perLabel.map((l) => l.name)).toEqual(['ham', 'spam']);
    const accuracy = Object.fromEntries(report.annotators.map((a) => [a.name.slice(-1), a.vsGold.accuracy.value]));
    expect(accuracy).toEqual(fixture.expected.accuracyVsGold);
    expect(pushed.length).toBeGreaterThan(0);
    socket.disconnect();

    // The disagreeing items are in the review queue, with the three labels and their annotators' names.
    const reviewer = await newUser(owner, 'Rita Reviewer');
    await addMember(owner, p.id, reviewer, 'reviewer');
    const queue = await reviewer.get<ReviewPage>(`/api/projects/${p.id}/review`);
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((i) => i.externalId)).toEqual(fixture.expected.review.map((i: number) => `i${i}`));
    const first = queue.body.items[0];
    expect(first.reason).toBe('disagreement');
    expect(first.annotations.map((a) => [a.name, a.labels[0]]).sort()).toEqual(
      [['Annotator A', 0], ['Annotator B', 0], ['Annotator C', 1]],
    );
    expect(first.consensus).toMatchObject({ labels: [0], method: 'majority' });
    expect(first.consensus!.confidence).toBeCloseTo(2 / 3, 6);

    // An annotator cannot adjudicate; a reviewer can, once.
    const decide = (c: ApiClient, labels: number[]) => c.post(`/api/projects/${p.id}/review/${first.itemId}/decision`, { labels });
    expect((await decide(annotators.A, [1])).status).toBe(403);
    expect((await decide(reviewer, [1])).status).toBe(204);
    expect((await decide(reviewer, [0])).status).toBe(409);
    // A decision can be revised (and only a decided item can be).
    const revise = (labels: number[], itemId = first.itemId) => reviewer.request('PUT', `/api/projects/${p.id}/review/${itemId}/decision`, { labels });
    expect((await revise([0], queue.body.items[1].itemId)).status).toBe(409);
    expect((await revise([0])).status).toBe(204);
    expect((await revise([1])).status).toBe(204);
    const gold = await db.query(
      `SELECT gold::int[] AS gold, gold_source, gold_by::text AS by FROM items WHERE id = $1`,
      [first.itemId],
    );
    expect(gold.rows[0]).toEqual({ gold: [1], gold_source: 'review', by: reviewer.user!.id });
    const open = await reviewer.get<ReviewPage>(`/api/projects/${p.id}/review`);
    expect(open.body.items).toHaveLength(3);
    expect(open.body.total).toBe(3);
    const decided = await reviewer.get<ReviewPage>(`/api/projects/${p.id}/review?status=decided`);
    expect(decided.body.items.map((i) => [i.itemId, i.decision])).toEqual([[first.itemId, [1]]]);
    expect(decided.body.items[0].decidedBy).toEqual({ userId: reviewer.user!.id, name: 'Rita Reviewer' });
    expect(decided.body.total).toBe(1);

    // Changing the consensus method recomputes the report without waiting for a new label.
    expect((await owner.patch(`/api/projects/${p.id}`, { consensusMethod: 'dawid-skene' })).status).toBe(200);
    for (let i = 0; i < 300; i++) {
      const r = await owner.get<AgreementResponse>(`/api/projects/${p.id}/agreement`);
      if (r.body.report?.consensus.method === 'dawid-skene') break;
      if (i === 299) throw new Error('the report was not recomputed with Dawid-Skene');
      await new Promise((res) => setTimeout(res, 100));
    }
  }, 120_000);

  it('is 404 for another project and 403 for annotators', async () => {
    const other = await newUser(owner, 'Outsider');
    const p = await newProject(owner);
    const annotator = await newUser(owner, 'Ann Only');
    await addMember(owner, p.id, annotator, 'annotator');
    for (const path of ['agreement', 'review']) {
      expect((await other.get(`/api/projects/${p.id}/${path}`)).status).toBe(404);
      expect((await annotator.get(`/api/projects/${p.id}/${path}`)).status).toBe(403);
    }
  }, 60_000);
});
