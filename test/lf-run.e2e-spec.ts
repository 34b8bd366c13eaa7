// Labeling functions applied at scale: LFs created through the API run as a BullMQ flow of chunk jobs shared by
// two worker processes; one worker is killed mid-run, its chunk is retried by the other, and the stored votes
// equal those of a clean run and those of the LF library evaluated in this process.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import type { Lf, LfListResponse, LfRun, LfRunEvent, WeakLabelPage } from '@arbiter/contracts';
import { compileLf, type LfDefinition } from '@arbiter/domain/lf';
import { ApiClient, Stack, closeSession, importJsonl, newProject, openSession } from '@arbiter/testing';

const DATA = resolve(__dirname, '../../shared/data/youtube-spam');
const FILES = ['Youtube01-Psy.csv', 'Youtube02-KatyPerry.csv', 'Youtube03-LMFAO.csv', 'Youtube04-Eminem.csv', 'Youtube05-Shakira.csv'];

interface Comment {
  id: string;
  text: string;
  gold?: number;
}

// The 1,956 comments of the YouTube Spam Collection; every third one keeps its class as gold.
const comments: Comment[] = FILES.flatMap((f) =>
  (parse(readFileSync(resolve(DATA, f)), { columns: true }) as Record<string, string>[]).map((r, row) => ({
    // COMMENT_ID repeats within a file, so rows are named by position.
    id: `${f.slice(0, 9)}-${row}`,
    text: r.CONTENT,
    class: Number(r.CLASS),
  })),
).map((c, i) => ({ id: c.id, text: c.text, ...(i % 3 === 0 ? { gold: c.class } : {}) }));

const BUILT_IN: Record<string, LfDefinition> = {
  check_out: { kind: 'keyword', keywords: ['check out', 'subscribe'], match: 'substring', label: 1 },
  link: { kind: 'regex', pattern: 'https?://', flags: 'i', label: 1 },
  short: { kind: 'word-count', op: '<', value: 5, label: 0 },
};
// Slow on purpose (about 1 ms an item) so a run lasts long enough to kill a worker in the middle of it.
const SLOW_CODE = `function lf(item) {
  const until = Date.now() + 1;
  while (Date.now() < until) {}
  const t = item.text.toLowerCase();
  return t.includes('song') || t.includes('love') ? 0 : ABSTAIN;
}`;
const slowCodeLf = (text: string) => (text.toLowerCase().includes('song') || text.toLowerCase().includes('love') ? 0 : -1);

describe('labeling functions applied by a flow of chunk jobs', () => {
  let stack: Stack;
  let owner: ApiClient;
  let db: Client;
  beforeAll(
    async () =>
      ({ stack, owner, db } = await openSession({
        workers: 2,
        env: { LF_CHUNK_SIZE: '100', LF_CONCURRENCY: '1', QUEUE_LOCK_MS: '2000' },
      })),
    90_000,
  );
  afterAll(() => closeSession({ stack, db }), 30_000);

  async function setUp(): Promise<{ projectId: string; lfs: Lf[] }> {
    const p = await newProject(owner);
    const imported = await importJsonl(owner, p.id, comments, 'format=jsonl&externalIdField=id&goldField=gold');
    expect(imported.body).toMatchObject({ inserted: comments.length });
    const lfs: Lf[] = [];
    for (const [name, definition] of Object.entries(BUILT_IN)) {
      const r = await owner.post<Lf>(`/api/projects/${p.id}/lfs`, { name, definition });
      expect(r.status).toBe(201);
      lfs.push(r.body);
    }
    const code = await owner.post<Lf>(`/api/projects/${p.id}/lfs`, { name: 'song_or_love', definition: { kind: 'code', source: SLOW_CODE } });
    expect(code.status).toBe(201);
    lfs.push(code.body);
    return { projectId: p.id, lfs };
  }

  async function waitForFit(projectId: string, lfCount: number): Promise<LfListResponse> {
    for (let i = 0; i < 1200; i++) {
      const r = await owner.get<LfListResponse>(`/api/projects/${projectId}/lfs`);
      const fitted = r.body.labelModel?.lfVersionIds.length === lfCount && r.body.lfs.every((lf) => !lf.pending && lf.stats);
      if (fitted && r.body.run?.status !== 'running') return r.body;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(`no label model over ${lfCount} LFs:\n${stack.logs().slice(-4000)}`);
  }

  /** Every stored vote as "external id / LF name = vote", sorted. */
  async function storedVotes(projectId: string): Promise<string[]> {
    const { rows } = await db.query<{ v: string }>(
      `SELECT i.external_id || ' / ' || f.name || ' = ' || v.vote AS v
         FROM lf_votes v JOIN items i ON i.id = v.item_id JOIN lf_versions lv ON lv.id = v.lf_version_id
         JOIN labeling_functions f ON f.id = lv.lf_id
        WHERE i.project_id = $1 ORDER BY 1`,
      [projectId],
    );
    return rows.map((r) => r.v);
  }

  function joinProject(projectId: string): Promise<Socket> {
    const socket = io(stack.baseUrl, { extraHeaders: { cookie: owner.sessionCookie ?? '' }, transports: ['websocket'] });
    return new Promise((res, rej) => {
      socket.on('connect', async () => {
        const ack = await socket.emitWithAck('project:join', { projectId });
        if (ack.ok) res(socket);
        else rej(new Error(JSON.stringify(ack)));
      });
      socket.on('connect_error', rej);
    });
  }

  it('survives a worker killed mid-run with the votes of a clean run, pushing progress as it goes', async () => {
    const expected = comments
      .flatMap((c) => {
        const out = Object.entries(BUILT_IN).map(([name, def]) => [name, compileLf(def)({ text: c.text })] as const);
        return [...out, ['song_or_love', slowCodeLf(c.text)] as const].filter(([, v]) => v >= 0).map(([name, v]) => `${c.id} / ${name} = ${v}`);
      })
      .sort();

    // The interrupted run: two workers share the chunks; once a few chunks are done one of them is killed.
    const killed = await setUp();
    const socket = await joinProject(killed.projectId);
    const progress: LfRun[] = [];
    let victim = false;
    await new Promise<void>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`the run did not finish:\n${stack.logs().slice(-4000)}`)), 240_000);
      socket.on('project:lf-run', (e: LfRunEvent) => {
        if (e.projectId !== killed.projectId) return;
        progress.push(e.run);
        if (!victim && e.run.chunksDone >= 3) {
          victim = true;
          stack.workers[0].kill('SIGKILL');
        }
        if (e.run.status !== 'running') {
          clearTimeout(timer);
          res();
        }
      });
    });
    socket.close();
    expect(victim).toBe(true);
    const run = progress[progress.length - 1];
    expect(run).toMatchObject({ status: 'completed', chunksDone: run.chunksTotal, itemsDone: comments.length, itemsTotal: comments.length });
    expect(run.chunksTotal).toBe(Math.ceil(comments.length / 100));
    // Progress arrived chunk by chunk, never counting a retried chunk twice.
    const done = progress.map((p) => p.chunksDone);
    expect(done.length).toBeGreaterThan(3);
    expect(Math.max(...done)).toBe(run.chunksTotal);

    // The killed worker held a chunk: BullMQ saw that job stall and gave it to the surviving worker.
    const redis = new IORedis(stack.env.REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue('lf', { connection: redis, prefix: stack.env.QUEUE_PREFIX });
    const jobs = await queue.getJobs(['completed']);
    const retried = jobs.filter((j) => j.name === 'apply-lf-chunk' && j.data.projectId === killed.projectId && j.attemptsStarted > 1);
    await queue.close();
    redis.disconnect();
    expect(retried.length).toBeGreaterThanOrEqual(1);

    // No LF errored on any item (a timeout would say which, and leave that LF's later votes out).
    const after = (await owner.get<LfListResponse>(`/api/projects/${killed.projectId}/lfs`)).body;
    expect(after.lfs.map((lf) => [lf.name, lf.current.error])).toEqual(after.lfs.map((lf) => [lf.name, null]));
    const interrupted = await storedVotes(killed.projectId);
    expect(interrupted).toEqual(expected);

    // The clean run: a fresh project with the same items and LFs, applied by the surviving worker alone.
    const clean = await setUp();
    await waitForFit(clean.projectId, 4);
    expect(await storedVotes(clean.projectId)).toEqual(interrupted);

    // Both fits see the same votes, so their analysis is the same; coverage is checked against the LF library.
    const [a, b] = await Promise.all([waitForFit(killed.projectId, 4), waitForFit(clean.projectId, 4)]);
    expect(a.lfs.map((lf) => lf.stats)).toEqual(b.lfs.map((lf) => lf.stats));
    const linkCoverage = comments.filter((c) => /https?:\/\//i.test(c.text)).length / comments.length;
    expect(a.lfs.find((lf) => lf.name === 'link')?.stats?.coverage).toBeCloseTo(linkCoverage, 12);
    expect(a.labelModel).toMatchObject({ items: comments.length });
    expect(a.labelModel?.validationAccuracy?.rows).toBe(comments.filter((c) => c.gold !== undefined).length);

    // Weak labels exist for every item some LF voted on, with probabilities summing to one.
    const covered = new Set(expected.map((v) => v.split(' / ')[0])).size;
    expect(a.labelModel?.covered).toBe(covered);
    const page = await owner.get<WeakLabelPage>(`/api/projects/${killed.projectId}/weak-labels?limit=50`);
    expect(page.body.items).toHaveLength(50);
    for (const w of page.body.items) {
      expect(w.probabilities.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5);
      expect(w.confidence).toBeCloseTo(Math.max(...w.probabilities), 5);
    }
  }, 300_000);
});
