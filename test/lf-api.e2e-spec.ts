// Labeling functions through the API as an engineer uses them: clear 400s naming the field, roles, versions
// that keep their own votes, the sample preview's numbers, an LF that loops forever marked errored while the
// others' votes stay, disabling an LF refitting the label model without it, and a run whose chunk keeps
// failing closed as failed with nothing half-written.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Lf, LfListResponse, LfPreviewResponse, LfVersion, NextTasksResponse, WeakLabelPage } from '@arbiter/contracts';
import { ApiClient, Stack, addMember, closeSession, importJsonl, newProject, newUser, openSession } from '@arbiter/testing';

// 120 short texts: every fourth mentions a link (spam), every third is gold.
const ITEMS = Array.from({ length: 120 }, (_, i) => {
  const spam = i % 4 === 0;
  const text = spam ? `win money now at http://spam.example/${i}` : `nice song number ${i} and I love it`;
  return { id: `c${i}`, text, ...(i % 3 === 0 ? { gold: spam ? 1 : 0 } : {}) };
});
const hasLink = (t: string) => /http:\/\//.test(t);

describe('labeling functions through the API', () => {
  let stack: Stack;
  let owner: ApiClient;
  let db: Client;
  let projectId: string;
  beforeAll(async () => {
    ({ stack, owner, db } = await openSession());
    projectId = (await newProject(owner)).id;
    expect((await importJsonl(owner, projectId, ITEMS, 'format=jsonl&externalIdField=id&goldField=gold')).body).toMatchObject({
      inserted: ITEMS.length,
    });
  }, 90_000);
  afterAll(() => closeSession({ stack, db }), 30_000);

  const url = (path = '') => `/api/projects/${projectId}/lfs${path}`;

  async function waitFor(check: (r: LfListResponse) => boolean, project = projectId): Promise<LfListResponse> {
    let last: LfListResponse | undefined;
    for (let i = 0; i < 600; i++) {
      last = (await owner.get<LfListResponse>(`/api/projects/${project}/lfs`)).body;
      if (check(last)) return last;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(`never reached; last ${JSON.stringify(last)}\n${stack.logs().slice(-3000)}`);
  }

  it('refuses bad definitions with a 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ kind: 'regex', pattern: '(unclosed', label: 1 }, 'definition.pattern'],
      [{ kind: 'keyword', keywords: ['free'], label: 7 }, 'definition.label'],
      [{ kind: 'code', source: '(item) => {\n  return item.text.includes(\n}' }, 'definition.source'],
      [{ kind: 'code', source: 'const x = 1;' }, 'definition.source'],
      [{ kind: 'teleport', label: 1 }, 'definition.kind'],
    ];
    for (const [definition, field] of cases) {
      const r = await owner.post<{ message: string; errors?: { path: string }[] }>(url(), { name: 'bad', definition });
      expect({ status: r.status, field: r.body.errors?.[0]?.path ?? r.body.message }).toEqual({ status: 400, field: expect.stringContaining(field) });
    }
    const syntax = await owner.post<{ message: string }>(url(), { name: 'bad', definition: cases[2][0] });
    expect(syntax.body.message).toMatch(/line \d/);
    // Regex LFs run on a linear-time engine: what it cannot run is refused, saying why.
    const unsupported: [unknown, string, string][] = [
      [{ kind: 'regex', pattern: '(spam)\\1', label: 1 }, 'definition.pattern', 'pattern uses a backreference \\1 at position 7, which the linear-time regex engine (RE2) does not support'],
      [{ kind: 'regex', pattern: 'free(?= money)', label: 1 }, 'definition.pattern', 'pattern uses a lookahead (?=…) at position 5, which the linear-time regex engine (RE2) does not support'],
      [{ kind: 'regex', pattern: 'free', flags: 'v', label: 1 }, 'definition.flags', 'flag "v" (set notation) is not supported by the linear-time regex engine; use "u"'],
    ];
    for (const [definition, path, message] of unsupported) {
      const r = await owner.post<{ message: string; errors?: { path: string; message: string }[] }>(url(), { name: 'bad', definition });
      expect({ status: r.status, errors: r.body.errors }).toEqual({ status: 400, errors: [{ path, message }] });
      const previewed = await owner.post<{ errors?: { path: string; message: string }[] }>(url('/preview'), { definition });
      expect({ status: previewed.status, errors: previewed.body.errors }).toEqual({ status: 400, errors: [{ path, message }] });
    }
    expect((await owner.get<LfListResponse>(url())).body.lfs).toEqual([]);
  }, 30_000);

  it('lets engineers write LFs, reviewers read them, annotators and strangers neither', async () => {
    const [engineer, reviewer, annotator, stranger] = await Promise.all(['Eng', 'Rev', 'Ann', 'Str'].map((n) => newUser(owner, n)));
    await addMember(owner, projectId, engineer, 'engineer');
    await addMember(owner, projectId, reviewer, 'reviewer');
    await addMember(owner, projectId, annotator, 'annotator');
    const definition = { kind: 'keyword', keywords: ['money'], label: 1 };
    expect((await annotator.post(url(), { name: 'a', definition })).status).toBe(403);
    expect((await reviewer.post(url(), { name: 'r', definition })).status).toBe(403);
    expect((await stranger.get(url())).status).toBe(404);
    expect((await annotator.get(url())).status).toBe(403);
    expect((await reviewer.get(url())).status).toBe(200);
    const created = await engineer.post<Lf>(url(), { name: 'money', description: 'spam talks money', definition });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'money', enabled: true, current: { version: 1, kind: 'keyword', author: { name: 'Eng' } } });
    expect((await engineer.post(url(), { name: 'MONEY', definition })).status).toBe(409);
  }, 30_000);

  it('previews an unsaved LF on the sample with its coverage and accuracy on gold', async () => {
    const r = await owner.post<LfPreviewResponse>(url('/preview'), { definition: { kind: 'code', source: "(item) => item.text.includes('http://') ? 1 : ABSTAIN" } });
    expect(r.status).toBe(200);
    const linked = ITEMS.filter((i) => hasLink(i.text));
    const goldLinked = linked.filter((i) => i.gold !== undefined);
    expect(r.body).toMatchObject({
      sampled: ITEMS.length,
      votes: [{ label: 1, count: linked.length }],
      coverage: linked.length / ITEMS.length,
      gold: { items: ITEMS.filter((i) => i.gold !== undefined).length, correct: goldLinked.length, incorrect: 0, accuracy: 1 },
      error: null,
    });
    expect(r.body.examples.every((e) => hasLink(e.text) && e.vote === 1)).toBe(true);
    // An LF cannot peek at the gold it is scored against: the sample's items reach it without their labels.
    const peek = await owner.post<LfPreviewResponse>(url('/preview'), {
      definition: { kind: 'code', source: "(item) => Object.keys(item).some((key) => key !== 'id' && key !== 'text' && key !== 'metadata') ? 1 : ABSTAIN" },
    });
    expect(peek.body).toMatchObject({ sampled: ITEMS.length, coverage: 0, error: null });
    // Nothing was saved.
    expect((await owner.get<LfListResponse>(url())).body.lfs.map((lf) => lf.name)).toEqual(['money']);
  }, 30_000);

  // ^(a+)+$ on a run of a's that ends in "!" takes a backtracking engine 2^n steps: one such preview froze the
  // whole API. The preview must answer exactly, and /health must be answered while it is in flight (asked only
  // after the preview was sent, counted only if answered before it); a frozen API fails both.
  it('previews ^(a+)+$ on 50,000 a\'s and a "!" exactly, and /health answers while it runs', async () => {
    const p = await newProject(owner);
    const long = 'a'.repeat(50_000);
    const rows = Array.from({ length: 60 }, (_, i) => ({ text: i % 2 ? `${long}!` : long }));
    expect((await importJsonl(owner, p.id, rows)).body).toMatchObject({ inserted: rows.length });
    let settled = false;
    const preview = owner
      .post<LfPreviewResponse>(`/api/projects/${p.id}/lfs/preview`, { definition: { kind: 'regex', pattern: '^(a+)+$', label: 1 } })
      .finally(() => (settled = true));
    let answeredMeanwhile = 0;
    while (!settled) {
      const health = await fetch(`${stack.baseUrl}/health`);
      if (!settled && health.status === 200) answeredMeanwhile++;
    }
    const r = await preview;
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ sampled: rows.length, partial: false, votes: [{ label: 1, count: rows.length / 2 }], coverage: 0.5, error: null });
    expect(answeredMeanwhile).toBeGreaterThan(0);
  }, 60_000);

  it('keeps each version with its own votes, and marks a looping LF errored while the others keep theirs', async () => {
    const link = await owner.post<Lf>(url(), { name: 'link', definition: { kind: 'regex', pattern: 'https?://', label: 1 } });
    const loop = await owner.post<Lf>(url(), { name: 'loops', definition: { kind: 'code', source: '(item) => { for (;;) {} }' } });
    expect([link.status, loop.status]).toEqual([201, 201]);

    const fitted = await waitFor((r) => r.lfs.every((lf) => !lf.pending) && r.labelModel?.lfVersionIds.length === 2);
    // The loop times out on the first item it is given: the project's first item, in the run's first chunk.
    const { rows: first } = await db.query<{ id: string }>(`SELECT min(id)::text AS id FROM items WHERE project_id = $1`, [projectId]);
    const looping = fitted.lfs.find((lf) => lf.name === 'loops');
    expect(looping?.current.error).toEqual({ message: `timed out after 50 ms on item ${first[0].id}`, itemId: first[0].id });
    const linkStats = fitted.lfs.find((lf) => lf.name === 'link')?.stats;
    expect(linkStats).toMatchObject({ coverage: ITEMS.filter((i) => hasLink(i.text)).length / ITEMS.length, incorrect: 0, empiricalAccuracy: 1 });

    // v2 of "link" votes on nothing here; v1's votes stay stored under v1.
    const edited = await owner.patch<Lf>(url(`/${link.body.id}`), { definition: { kind: 'regex', pattern: 'ftp://', label: 1 } });
    expect(edited.body.current.version).toBe(2);
    await waitFor((r) => r.lfs.every((lf) => !lf.pending) && r.labelModel?.lfVersionIds.includes(edited.body.current.id) === true);
    const versions = (await owner.get<LfVersion[]>(url(`/${link.body.id}/versions`))).body;
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    const { rows } = await db.query<{ version: number; votes: number }>(
      `SELECT v.version, count(x.item_id)::int AS votes FROM lf_versions v LEFT JOIN lf_votes x ON x.lf_version_id = v.id
        WHERE v.lf_id = $1 GROUP BY v.version ORDER BY v.version`,
      [link.body.id],
    );
    expect(rows).toEqual([
      { version: 1, votes: ITEMS.filter((i) => hasLink(i.text)).length },
      { version: 2, votes: 0 },
    ]);

    // Disabling "money" refits without it.
    const money = fitted.lfs.find((lf) => lf.name === 'money');
    expect((await owner.patch<Lf>(url(`/${money?.id}`), { enabled: false })).body.enabled).toBe(false);
    const refit = await waitFor((r) => r.labelModel?.lfVersionIds.length === 1);
    expect(refit.labelModel?.lfVersionIds).toEqual([edited.body.current.id]);
  }, 120_000);

  it('applies LFs to newly imported items only', async () => {
    const before = (await owner.get<LfListResponse>(url())).body;
    const more = Array.from({ length: 8 }, (_, i) => ({ id: `new${i}`, text: i % 2 ? `see ftp://files.example/${i}` : `plain ${i}` }));
    expect((await importJsonl(owner, projectId, more, 'format=jsonl&externalIdField=id')).body).toMatchObject({ inserted: 8 });
    const after = await waitFor((r) => r.run?.id !== before.run?.id && r.run?.status === 'completed' && r.labelModel?.id !== before.labelModel?.id);
    expect(after.run).toMatchObject({ itemsTotal: 8, itemsDone: 8, lfVersions: 1 });
    expect(after.labelModel).toMatchObject({ items: ITEMS.length + 8, covered: 4 });
    expect(after.lfs.find((lf) => lf.name === 'link')?.stats).toMatchObject({ labeled: 4 });
    const weak = (await owner.get<WeakLabelPage>(`/api/projects/${projectId}/weak-labels`)).body;
    expect(weak.items).toHaveLength(4);
    // The export carries each item's weak label beside (never instead of) its human label.
    const names = ['ham', 'spam'];
    const exported = (await owner.get<string>(`/api/projects/${projectId}/export?format=jsonl`)).body.trim().split('\n').map((l) => JSON.parse(l));
    expect(exported).toHaveLength(ITEMS.length + 8);
    expect(exported.filter((r) => r.weakLabel).map((r) => ({ id: r.id, ...r.weakLabel }))).toEqual(
      weak.items.map((w) => ({
        id: w.itemId,
        label: names[w.label],
        confidence: w.confidence,
        probabilities: { ham: w.probabilities[0], spam: w.probabilities[1] },
        conflict: w.conflict,
        labelModelId: weak.labelModel?.id,
      })),
    );
    // The four are new items nobody labeled: a weak label does not make them labeled.
    expect(exported.filter((r) => r.weakLabel).map((r) => [r.label, r.labelSource])).toEqual(new Array(4).fill([null, null]));

    // With every LF disabled no item keeps a weak label.
    const link = after.lfs.find((lf) => lf.name === 'link');
    await owner.patch(url(`/${link?.id}`), { enabled: false });
    const none = await waitFor((r) => r.labelModel?.lfVersionIds.length === 0);
    expect(none.labelModel).toMatchObject({ covered: 0, reason: expect.stringContaining('no enabled labeling function') });
    expect((await owner.get<WeakLabelPage>(`/api/projects/${projectId}/weak-labels`)).body.items).toEqual([]);
  }, 60_000);

  it('fails a run whose chunk keeps failing, keeps none of its votes, and applies everything on the next run', async () => {
    const p = await newProject(owner);
    const rows = Array.from({ length: 30 }, (_, i) => ({ text: i % 3 ? `calm ${i}` : `visit http://x.example/${i}` }));
    await importJsonl(owner, p.id, rows);
    const { rows: first } = await db.query(`SELECT min(id)::text AS id FROM items WHERE project_id = $1`, [p.id]);
    // The database refuses this project's votes: every attempt at the chunk fails the same way.
    await db.query(`ALTER TABLE lf_votes ADD CONSTRAINT refuse_new_votes CHECK (item_id < ${first[0].id}) NOT VALID`);
    const lfsUrl = `/api/projects/${p.id}/lfs`;
    const created = await owner.post<Lf>(lfsUrl, { name: 'link', definition: { kind: 'regex', pattern: 'http://', label: 1 } });
    expect(created.status).toBe(201);
    // Five attempts with backoff (about 15 s), then the run closes as failed and says why.
    const failed = await waitFor((r) => r.run?.status === 'failed', p.id);
    expect(failed.run).toMatchObject({ chunksDone: 0, itemsDone: 0, error: expect.stringMatching(/1 chunk\(s\) failed: .*refuse_new_votes/) });
    const { rows: kept } = await db.query(`SELECT count(*)::int AS n FROM lf_votes WHERE lf_version_id = $1`, [created.body.current.id]);
    expect(kept[0].n).toBe(0);
    expect(failed.lfs[0]).toMatchObject({ pending: true, stats: null });

    await db.query(`ALTER TABLE lf_votes DROP CONSTRAINT refuse_new_votes`);
    expect((await owner.post(`/api/projects/${p.id}/lf-runs`, {})).status).toBe(202);
    const done = await waitFor((r) => r.run?.status === 'completed' && r.labelModel !== null, p.id);
    expect(done.run).toMatchObject({ itemsTotal: 30, itemsDone: 30, error: null });
    expect(done.lfs[0].stats).toMatchObject({ labeled: rows.filter((r) => r.text.includes('http')).length });
  }, 90_000);

  it('uses the annotators consensus as the dev set where there is no gold', async () => {
    const p = await newProject(owner);
    const rows = Array.from({ length: 20 }, (_, i) => ({ text: i % 2 ? `buy at http://x.example/${i}` : `lovely ${i}` }));
    await importJsonl(owner, p.id, rows);
    for (let i = 0; i < 6; i++) {
      const [t] = (await owner.post<NextTasksResponse>(`/api/projects/${p.id}/tasks/next`, { count: 1 })).body.tasks;
      const spam = t.item.text.includes('http');
      expect((await owner.post(`/api/projects/${p.id}/annotations`, { itemId: t.item.id, labels: [spam ? 1 : 0], idempotencyKey: randomUUID() })).status).toBe(201);
    }
    // The agreement job stores each labeled item's consensus.
    for (let i = 0; i < 300; i++) {
      const { rows: c } = await db.query(`SELECT count(*)::int AS n FROM item_consensus WHERE project_id = $1`, [p.id]);
      if (c[0].n === 6) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    await owner.post(`/api/projects/${p.id}/lfs`, { name: 'link', definition: { kind: 'regex', pattern: 'http://', label: 1 } });
    const list = await waitFor((r) => r.labelModel !== null, p.id);
    expect(list.labelModel?.validationAccuracy?.rows).toBe(6);
    expect(list.lfs[0].stats).toMatchObject({ incorrect: 0, empiricalAccuracy: 1 });
  }, 60_000);
});
