// Strategy replay end to end: 400 AG News headlines imported with their gold topics, a replay of random and margin
// with two seeds each on the real model, followed over socket.io; the worker running it is killed after its first
// stored run, the next is stopped (SIGTERM) in the middle of the third, and a third worker finishes the replay with
// every run stored once. Also the 400 (budget too large for the labeled items, initial above budget) and 409 (a
// replay already running) answers, and a replay that cannot work closing as failed with its reason.
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import type { ErrorResponse, Replay, ReplayEvent } from '@arbiter/contracts';
import { ApiClient, Stack, closeSession, importJsonl, newProject, openSession } from '@arbiter/testing';

const DATA = resolve(__dirname, '../../shared/data/agnews-test/test.jsonl');
const TOPICS = ['World', 'Sports', 'Business', 'Sci/Tech'];

// The first 400 rows: 103 World, 123 Sports, 72 Business, 102 Sci/Tech. 100 are held out, 300 form the pool.
const rows = readFileSync(DATA, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .slice(0, 400)
  .map((l, i) => {
    const r = JSON.parse(l) as { label: number; sentence: string };
    return { id: `ag-${i}`, text: r.sentence, gold: r.label };
  });

/** How a process ended: 'clean' after its shutdown hooks ran (Nest re-raises the signal then), else how. */
function exited(p: ChildProcess): Promise<string> {
  const describe = (code: number | null, signal: NodeJS.Signals | null) => (code === 0 || signal === 'SIGTERM' ? 'clean' : `code ${code}, signal ${signal}`);
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve(describe(p.exitCode, p.signalCode));
  return new Promise((res) => p.once('exit', (code, signal) => res(describe(code, signal))));
}

const REQUEST = { strategies: ['random', 'margin'], seeds: 2, initial: 20, batch: 20, budget: 100 };
const CURVE_LABELS = [20, 40, 60, 80, 100];

describe('strategy replay', () => {
  let stack: Stack;
  let owner: ApiClient;
  let db: Client;
  let projectId: string;
  const base = () => `/api/projects/${projectId}/active-learning/replays`;

  beforeAll(async () => {
    // A short lock, so the job of a killed worker is handed to the next one within seconds.
    ({ stack, owner, db } = await openSession({ env: { QUEUE_LOCK_MS: '3000' } }));
    const p = await newProject(owner, { labelSchema: { kind: 'single', labels: TOPICS.map((name) => ({ name })) } });
    projectId = p.id;
    const imported = await importJsonl(owner, projectId, rows, 'format=jsonl&externalIdField=id&goldField=gold');
    expect(imported.body).toMatchObject({ inserted: 400 });
  }, 120_000);
  afterAll(() => closeSession({ stack, db }), 30_000);

  function joinProject(): Promise<Socket> {
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

  it('refuses a budget the labeled items cannot hold, naming the field', async () => {
    // 400 labeled items: a pool of 301 would leave 99 to hold out, under a quarter.
    const tooBig = await owner.post<ErrorResponse>(base(), { ...REQUEST, budget: 301 });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.errors?.map((e) => e.path)).toEqual(['budget']);
    expect(tooBig.body.message).toContain('400 labeled items');
    expect(tooBig.body.message).toContain('at least 402');

    const initial = await owner.post<ErrorResponse>(base(), { ...REQUEST, initial: 120 });
    expect(initial.status).toBe(400);
    expect(initial.body.errors?.map((e) => e.path)).toEqual(['initial']);

    const strategy = await owner.post<ErrorResponse>(base(), { ...REQUEST, strategies: ['lf-disagreement'] });
    expect(strategy.status).toBe(400);
    expect(strategy.body.errors?.[0].path).toBe('strategies.0');
    expect((await owner.get<{ replays: Replay[] }>(base())).body.replays).toEqual([]);
  }, 30_000);

  it('replays random and margin over two seeds, pushing progress, through a worker crash and a worker stop', async () => {
    const socket = await joinProject();
    const events: Replay[] = [];
    let killed = false;
    let stopped: Promise<{ exit: string; runsDone: number; status: string }> | null = null;
    const finished = new Promise<void>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`the replay did not finish:\n${stack.logs().slice(-4000)}`)), 240_000);
      socket.on('project:al-replay', (e: ReplayEvent) => {
        if (e.projectId !== projectId) return;
        events.push(e.replay);
        if (!killed && e.replay.runsDone >= 1) {
          // The worker holding the job dies mid-replay; a new one picks the job up once its lock lapses.
          killed = true;
          stack.workers[0].kill('SIGKILL');
          stack.startWorker();
        } else if (killed && !stopped && e.replay.runsDone >= 2) {
          // The new one is stopped in the middle of the third run: it ends it and hands the job back at once
          // instead of finishing the replay first; a third worker takes over after it has gone.
          const worker = stack.workers[1];
          stopped = exited(worker).then(async (exit) => {
            const { rows } = await db.query(`SELECT runs_done AS "runsDone", status FROM al_replays WHERE id = $1`, [e.replay.id]);
            stack.startWorker();
            return { exit, ...rows[0] };
          });
          worker.kill('SIGTERM');
        }
        if (e.replay.status === 'done' || e.replay.status === 'failed') {
          clearTimeout(timer);
          res();
        }
      });
    });

    const created = await owner.post<Replay>(base(), REQUEST);
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ status: 'queued', runsDone: 0, runsTotal: 4, results: [], labelsToReach: {}, error: null });
    expect(created.body.request).toEqual(REQUEST);

    // One replay at a time per project.
    const second = await owner.post<ErrorResponse>(base(), REQUEST);
    expect(second.status).toBe(409);
    expect(second.body.message).toContain(created.body.id);

    await finished;
    socket.close();
    expect(killed).toBe(true);
    expect(await stopped).toEqual({ exit: 'clean', runsDone: 2, status: 'running' });

    const replay = (await owner.get<Replay>(`${base()}/${created.body.id}`)).body;
    expect(replay).toMatchObject({ id: created.body.id, status: 'done', runsDone: 4, runsTotal: 4, error: null });
    expect(events[events.length - 1]).toEqual(replay);
    // Progress arrived run by run and never went back, though the job ran on two workers.
    const done = events.map((e) => e.runsDone);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(new Set(done)).toEqual(new Set([0, 1, 2, 3, 4]));

    // The job really changed hands twice: BullMQ saw it stall on the killed worker, and the stopped one put it back.
    const redis = new IORedis(stack.env.REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue('replay', { connection: redis, prefix: stack.env.QUEUE_PREFIX });
    const job = await queue.getJob(created.body.id);
    await queue.close();
    redis.disconnect();
    expect(job?.attemptsStarted).toBeGreaterThanOrEqual(3);
    // Neither hand-over was counted as a failed attempt (a crash or a stop is not the replay's fault).
    expect(job?.stacktrace).toEqual([]);
    expect(job?.attemptsMade).toBe(1);

    // One result per strategy and seed, none stored twice.
    expect(replay.results.map((r) => `${r.strategy}/${r.seed}`).sort()).toEqual(['margin/1', 'margin/2', 'random/1', 'random/2']);
    for (const r of replay.results) {
      expect(r.points.map((p) => p.labels)).toEqual(CURVE_LABELS);
      for (const p of r.points) {
        expect(p.accuracy).toBeGreaterThanOrEqual(0);
        expect(p.accuracy).toBeLessThanOrEqual(1);
      }
      // Trained on the whole pool of 300 headlines the model is far above chance (0.25) on four topics.
      expect(r.fullAccuracy).toBeGreaterThan(0.5);
      expect(r.fullAccuracy).toBeLessThanOrEqual(1);
    }
    // The same seed draws the same initial sample whatever the strategy: the first points agree.
    for (const seed of [1, 2]) {
      const first = (strategy: string) => replay.results.find((r) => r.strategy === strategy && r.seed === seed)?.points[0];
      expect(first('margin')).toEqual(first('random'));
    }

    expect(Object.keys(replay.labelsToReach).sort()).toEqual(['margin', 'random']);
    for (const reach of Object.values(replay.labelsToReach)) {
      for (const labels of [reach.p95, reach.p98]) {
        if (labels !== null) {
          expect(labels).toBeGreaterThanOrEqual(CURVE_LABELS[0]);
          expect(labels).toBeLessThanOrEqual(CURVE_LABELS[CURVE_LABELS.length - 1]);
        }
      }
      if (reach.p95 !== null && reach.p98 !== null) expect(reach.p95).toBeLessThanOrEqual(reach.p98);
    }

    // The list shows it, most recent first; a finished replay no longer blocks the next.
    const list = (await owner.get<{ replays: Replay[] }>(base())).body.replays;
    expect(list.map((r) => r.id)).toEqual([created.body.id]);
    const next = await owner.post<Replay>(base(), { ...REQUEST, strategies: ['random'], seeds: 1 });
    expect(next.status).toBe(202);
    expect((await owner.get<{ replays: Replay[] }>(base())).body.replays.map((r) => r.id)).toEqual([next.body.id, created.body.id]);
    expect((await owner.get(`${base()}/not-a-uuid`)).status).toBe(404);
  }, 300_000);

  it('closes a replay that cannot work as failed, saying why', async () => {
    // Every labeled item says "ham": no classifier can be trained, so nothing is simulated or retried.
    const p = await newProject(owner);
    const hams = rows.slice(0, 60).map((r) => ({ ...r, gold: 0 }));
    expect((await importJsonl(owner, p.id, hams, 'format=jsonl&externalIdField=id&goldField=gold')).body).toMatchObject({ inserted: 60 });
    const url = `/api/projects/${p.id}/active-learning/replays`;
    const created = await owner.post<Replay>(url, { strategies: ['random'], seeds: 1, budget: 10, initial: 5, batch: 5 });
    expect(created.status).toBe(202);
    let replay = created.body;
    for (let i = 0; i < 600 && (replay.status === 'queued' || replay.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      replay = (await owner.get<Replay>(`${url}/${created.body.id}`)).body;
    }
    expect(replay).toMatchObject({ status: 'failed', runsDone: 0, results: [], error: 'the labeled items carry a single label: a classifier needs at least two' });
  }, 120_000);
});
