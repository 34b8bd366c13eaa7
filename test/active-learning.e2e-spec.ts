// Active learning in the loop, through the api and a real worker: 300 AG News headlines, 120 with gold (those in the
// project's test split, the evaluation slice, are never trained on), two rounds asked for over HTTP. After each round
// the queue serves exactly the items that selectBatch picks from the stored scores, first and in rank order, saying
// why and with the model's suggestion; the labels given through the API (off the test split) train the next version,
// as its training fingerprint shows; the learning curve has a point per version. A worker killed while scoring, and
// started again, leaves the scores of a clean round.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import type { ActiveLearningSettingsView, AlRound, AlRoundEvent, AlRoundList, LearningCurve, ModelList, NextTasksResponse, Task } from '@arbiter/contracts';
import { selectBatch } from '@arbiter/ml/active-learning';
import { ApiClient, closeSession, importJsonl, newProject, openSession, Stack } from '@arbiter/testing';

const DATA = resolve(__dirname, '../../shared/data/agnews-test/test.jsonl');
const POOL = 300;
const GOLD = 120;
const BATCH = 10;
const LABELS = ['World', 'Sports', 'Business', 'Sci/Tech'];

interface Row {
  id: string;
  text: string;
  label: number;
}

const rows: Row[] = readFileSync(DATA, 'utf8')
  .split('\n')
  .slice(0, POOL)
  .map((line, i) => {
    const r = JSON.parse(line) as { sentence: string; label: number };
    return { id: `ag-${i}`, text: r.sentence, label: r.label };
  });

/** sha256 of training rows (item id, label, weight 1) in item id order, as the worker fingerprints a model's data. */
function fingerprint(train: { id: string; label: number }[]): string {
  const hash = createHash('sha256');
  for (const r of [...train].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))) hash.update(`${r.id}\t${r.label}\t1\n`);
  return hash.digest('hex');
}

describe('active learning through the api and a worker', () => {
  let stack: Stack;
  let owner: ApiClient;
  let db: Client;
  let projectId: string;
  let settings: ActiveLearningSettingsView;
  let socket: Socket;
  const events: AlRound[] = [];
  // Database id ↔ row, and the project's test split (the evaluation slice) as stored after the last round.
  const byDbId = new Map<string, Row>();
  let testSplit = new Set<string>();
  const onSlice = (itemId: string) => testSplit.has(itemId);
  /** Reads the test split the worker assigned (an item gets its split when a round first sees it labeled). */
  async function readTestSplit(): Promise<void> {
    const { rows: r } = await db.query<{ id: string }>(`SELECT item_id::text AS id FROM item_splits WHERE project_id = $1 AND split = 'test'`, [projectId]);
    testSplit = new Set(r.map((x) => x.id));
  }

  beforeAll(async () => {
    ({ stack, owner, db } = await openSession({
      workers: 1,
      env: { AL_CHUNK_SIZE: '10', AL_CONCURRENCY: '1', QUEUE_LOCK_MS: '2000', AGREEMENT_DEBOUNCE_MS: '50', AGREEMENT_MAX_WAIT_MS: '200' },
    }));
    const project = await newProject(owner, {
      name: 'AG News',
      labelSchema: { kind: 'single', labels: LABELS.map((name) => ({ name })) },
    });
    projectId = project.id;
    const imported = await importJsonl(
      owner,
      projectId,
      rows.map((r, i) => ({ id: r.id, text: r.text, ...(i < GOLD ? { gold: r.label } : {}) })),
      'format=jsonl&externalIdField=id&goldField=gold',
    );
    expect(imported.body).toMatchObject({ inserted: POOL });
    const ids = await db.query<{ id: string; external_id: string }>(`SELECT id::text, external_id FROM items WHERE project_id = $1`, [projectId]);
    const byExternal = new Map(rows.map((r) => [r.id, r]));
    for (const r of ids.rows) byDbId.set(r.id, byExternal.get(r.external_id)!);

    settings = (await owner.get<ActiveLearningSettingsView>(`/api/projects/${projectId}/active-learning/settings`)).body;
    const patched = await owner.patch<ActiveLearningSettingsView>(`/api/projects/${projectId}/active-learning/settings`, {
      batchSize: BATCH,
      retrain: { afterNewLabels: null, onLfChange: false, everyMinutes: null },
    });
    expect(patched.status).toBe(200);
    settings = patched.body;
    // No item has a split before a round (or a snapshot) assigns them; a tenth of the labeled items will be tested on.
    expect(settings).toMatchObject({ strategy: 'hybrid', batchSize: BATCH, testSplit: { items: 0, ratio: 0.1 } });
    expect(patched.body).not.toHaveProperty('evaluationShare');
    // The evaluation share is gone (the test split's ratio is set in the split settings): sending it is an unknown field.
    const stale = await owner.patch<{ code: string; errors: { path: string; message: string }[] }>(`/api/projects/${projectId}/active-learning/settings`, {
      evaluationShare: 0.3,
    });
    expect([stale.status, stale.body.code, stale.body.errors]).toEqual([400, 'VALIDATION_FAILED', [{ path: '(body)', message: 'Unrecognized key: "evaluationShare"' }]]);

    socket = io(stack.baseUrl, { extraHeaders: { cookie: owner.sessionCookie ?? '' }, transports: ['websocket'] });
    await new Promise<void>((res, rej) => {
      socket.on('connect', async () => {
        const ack = await socket.emitWithAck('project:join', { projectId });
        if (ack.ok) res();
        else rej(new Error(JSON.stringify(ack)));
      });
      socket.on('connect_error', rej);
    });
    socket.on('project:al-round', (e: AlRoundEvent) => {
      if (e.projectId === projectId) events.push(e.round);
    });
  }, 120_000);

  afterAll(async () => {
    socket?.close();
    await closeSession({ stack, db });
  }, 30_000);

  /** Asks for a round and waits for the worker to close it, as the project's room hears it. */
  async function round(onEvent?: (r: AlRound) => void): Promise<AlRound> {
    const started = await owner.post<AlRound>(`/api/projects/${projectId}/active-learning/rounds`);
    expect([started.status, started.body.status]).toEqual([202, 'queued']);
    let seen = 0;
    for (let i = 0; i < 1800; i++) {
      for (const e of events.slice(seen)) if (e.id === started.body.id) onEvent?.(e);
      seen = events.length;
      const last = events.filter((e) => e.id === started.body.id).pop();
      if (last?.status === 'done') return last;
      if (last?.status === 'failed') throw new Error(`round failed: ${last.error}\n${stack.logs().slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`round ${started.body.id} did not finish:\n${stack.logs().slice(-4000)}`);
  }

  /** The round's stored scores in item id order. */
  async function scores(roundId: string) {
    const { rows: stored } = await db.query<{ id: string; probs: number[]; embedding: number[] }>(
      `SELECT item_id::text AS id, probs::float4[] AS probs, embedding::float4[] AS embedding FROM predictions WHERE round_id = $1 ORDER BY item_id`,
      [roundId],
    );
    return stored;
  }

  /** What selectBatch picks from the round's stored scores, with the pool as the worker saw it (nothing leased). */
  async function expectedSelection(roundId: string): Promise<string[]> {
    const stored = await scores(roundId);
    const { rows: labeledRows } = await db.query<{ id: string }>(
      `SELECT id::text FROM items WHERE project_id = $1 AND (gold IS NOT NULL OR annotation_count > 0)`,
      [projectId],
    );
    const humanLabeled = new Set(labeledRows.map((r) => r.id));
    const n = stored.length;
    const dim = stored[0].embedding.length;
    const labeled = Uint8Array.from(stored, (s) => (humanLabeled.has(s.id) && !onSlice(s.id) ? 1 : 0));
    const excluded = Uint8Array.from(stored, (s) => (humanLabeled.has(s.id) || onSlice(s.id) ? 1 : 0));
    const picked = selectBatch({
      strategy: 'hybrid',
      batchSize: BATCH,
      seed: settings.seed,
      probs: Float32Array.from(stored.flatMap((s) => s.probs)),
      numClasses: LABELS.length,
      embeddings: Float32Array.from(stored.flatMap((s) => s.embedding)),
      dim,
      labeled,
      excluded,
      warmUpLabels: 0,
    });
    expect(picked.strategy).toBe('hybrid');
    expect(n).toBe(POOL);
    return picked.rows.map((r) => stored[r].id);
  }

  /** Takes tasks one at a time, `count` of them, labeling each with its true class through the API. */
  async function labelNext(count: number): Promise<Task[]> {
    const served: Task[] = [];
    for (let i = 0; i < count; i++) {
      const next = await owner.post<NextTasksResponse>(`/api/projects/${projectId}/tasks/next`, { count: 1 });
      expect(next.status).toBe(200);
      const task = next.body.tasks[0];
      served.push(task);
      const r = await owner.post(`/api/projects/${projectId}/annotations`, {
        itemId: task.item.id,
        labels: [byDbId.get(task.item.id)!.label],
        idempotencyKey: randomUUID(),
      });
      expect(r.status).toBe(201);
    }
    return served;
  }

  async function consensusCount(expected: number): Promise<void> {
    for (let i = 0; i < 600; i++) {
      const { rows: c } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM item_consensus WHERE project_id = $1`, [projectId]);
      if (c[0].n >= expected) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`consensus did not reach ${expected} items:\n${stack.logs().slice(-3000)}`);
  }

  const goldOffSlice = () => [...byDbId.entries()].filter(([id, r]) => rows.indexOf(r) < GOLD && !onSlice(id)).length;
  const goldOnSlice = () => [...byDbId.entries()].filter(([id, r]) => rows.indexOf(r) < GOLD && onSlice(id)).length;

  it('runs two rounds whose selections the queue serves first, training on the labels given in between', async () => {
    // Round 1: it gives the gold items their splits, and the gold off the test split trains version 1.
    const statuses: string[] = [];
    const first = await round((e) => statuses.push(e.status));
    await readTestSplit();
    expect((await owner.get<ActiveLearningSettingsView>(`/api/projects/${projectId}/active-learning/settings`)).body.testSplit.items).toBe(testSplit.size);
    expect(first).toMatchObject({ status: 'done', trigger: 'manual', usedStrategy: 'hybrid', modelVersion: 1, scored: POOL, poolSize: POOL, selected: BATCH });
    // Progress arrived as it happened: each status in order, and scoring chunk by chunk (10 items each).
    expect([...new Set(statuses)]).toEqual(['queued', 'training', 'scoring', 'selecting', 'done']);
    const scored = events.filter((e) => e.id === first.id && e.status === 'scoring').map((e) => e.scored);
    expect(new Set(scored).size).toBeGreaterThan(2);
    // One round at a time: while none is in flight a second POST starts one; here the first is done.
    const expected1 = await expectedSelection(first.id);
    expect(expected1).toHaveLength(BATCH);
    expect(expected1.some((id) => onSlice(id))).toBe(false);

    const served1 = await labelNext(BATCH);
    expect(served1.map((t) => t.item.id)).toEqual(expected1);
    served1.forEach((t, i) => {
      expect(t.item.chosenBy).toMatchObject({ strategy: 'hybrid', rank: i + 1, modelVersion: 1 });
      expect(t.item.chosenBy!.score).toBeGreaterThanOrEqual(0);
      expect(t.item).toMatchObject({ suggestionModelVersion: 1 });
      expect(t.item.suggestion).toHaveLength(LABELS.length);
      expect(t.item.suggestion!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    });
    await consensusCount(BATCH);

    // Round 2: version 2 learned from the ten labels too (but those the round put in the test split); the queue now
    // leads with round 2's batch.
    const second = await round();
    const goldTest = goldOnSlice();
    await readTestSplit();
    // A split never changes: the gold's test split is the one round 1 drew.
    expect(goldOnSlice()).toBe(goldTest);
    const batchOffSlice = served1.filter((t) => !onSlice(t.item.id));
    expect(second).toMatchObject({ status: 'done', modelVersion: 2, selected: BATCH });
    const expected2 = await expectedSelection(second.id);
    expect(expected2.filter((id) => expected1.includes(id))).toEqual([]);
    const next = await owner.post<NextTasksResponse>(`/api/projects/${projectId}/tasks/next`, { count: 5 });
    expect(next.body.tasks.map((t) => t.item.id)).toEqual(expected2.slice(0, 5));
    expect(next.body.tasks.map((t) => t.item.chosenBy?.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(next.body.tasks[0].item.suggestionModelVersion).toBe(2);

    const models = (await owner.get<ModelList>(`/api/projects/${projectId}/models`)).body.models;
    expect(models.map((m) => [m.version, m.labelCount])).toEqual([
      [2, goldOffSlice() + batchOffSlice.length],
      [1, goldOffSlice()],
    ]);
    // What each version trained on, exactly: the labeled items off the test split (the fingerprint hashes the
    // training rows), so no item of the test split is in a model's training data.
    const goldTrain = [...byDbId.entries()].filter(([id, r]) => rows.indexOf(r) < GOLD && !onSlice(id)).map(([id, r]) => ({ id, label: r.label }));
    const batchTrain = batchOffSlice.map((t) => ({ id: t.item.id, label: byDbId.get(t.item.id)!.label }));
    expect(models.map((m) => m.trainingFingerprint)).toEqual([fingerprint([...goldTrain, ...batchTrain]), fingerprint(goldTrain)]);
    // Lineage: each version names the snapshot of its round (t1, t2: numbered apart from the project's versions,
    // which stay empty), whose rows outside the test split are exactly its data.
    expect(models.map((m) => m.trainingSnapshot).sort()).toEqual(['t1', 't2']);
    expect((await owner.get<{ snapshots: unknown[] }>(`/api/projects/${projectId}/snapshots`)).body.snapshots).toEqual([]);
    for (const m of models) {
      const snap = (await owner.get<{ trigger: string; status: string }>(`/api/projects/${projectId}/snapshots/${m.trainingSnapshot}`)).body;
      expect(snap).toMatchObject({ trigger: 'training', status: 'complete' });
      const lines = (await owner.get<string>(`/api/projects/${projectId}/snapshots/${m.trainingSnapshot}/rows?format=jsonl`)).body.split('\n').filter(Boolean);
      const trained = lines.map((l) => JSON.parse(l) as { itemId: string; label: string; split: string }).filter((r) => r.split !== 'test');
      expect(fingerprint(trained.map((r) => ({ id: r.itemId, label: LABELS.indexOf(r.label) })))).toBe(m.trainingFingerprint);
    }
    for (const m of models) {
      expect(m.metrics.evaluationItems).toBe(goldOnSlice());
      expect(m.metrics.accuracy).toBeGreaterThan(0.25);
      expect(m.metrics.macroF1).toBeGreaterThan(0);
      expect(m.kind).toBe('logreg');
    }
    // A tenth of the 120 gold, within one item per class (the split is stratified by label).
    expect(Math.abs(goldOnSlice() - GOLD / 10)).toBeLessThanOrEqual(LABELS.length);
    const curve = (await owner.get<LearningCurve>(`/api/projects/${projectId}/active-learning/curve`)).body;
    expect(curve.points.map((p) => [p.modelVersion, p.labels, p.accuracy])).toEqual([
      [1, goldOffSlice(), models[1].metrics.accuracy],
      [2, goldOffSlice() + batchOffSlice.length, models[0].metrics.accuracy],
    ]);
    const listed = (await owner.get<AlRoundList>(`/api/projects/${projectId}/active-learning/rounds`)).body.rounds;
    expect(listed.map((r) => r.id)).toEqual([second.id, first.id]);
  }, 600_000);

  it('answers 409 while a round is in flight', async () => {
    const a = await owner.post<AlRound>(`/api/projects/${projectId}/active-learning/rounds`);
    const b = await owner.post<{ code: string; round: AlRound }>(`/api/projects/${projectId}/active-learning/rounds`);
    expect(a.status).toBe(202);
    expect([b.status, b.body.code, b.body.round.id]).toEqual([409, 'AL_ROUND_IN_FLIGHT', a.body.id]);
    for (let i = 0; i < 1200 && events.filter((e) => e.id === a.body.id).pop()?.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 100));
    expect(events.filter((e) => e.id === a.body.id).pop()?.status).toBe('done');
  }, 300_000);

  it('starts one round by itself after enough new labels, however many arrive at once, and one when the label model changes', async () => {
    const p = (await newProject(owner, { name: 'AG News, triggers', labelSchema: { kind: 'single', labels: LABELS.map((name) => ({ name })) } })).id;
    const small = rows.slice(0, 60);
    await importJsonl(owner, p, small.map((r, i) => ({ id: r.id, text: r.text, ...(i < 30 ? { gold: r.label } : {}) })), 'format=jsonl&externalIdField=id&goldField=gold');
    const patched = await owner.patch(`/api/projects/${p}/active-learning/settings`, { batchSize: 5, retrain: { afterNewLabels: 4, onLfChange: false, everyMinutes: null } });
    expect(patched.status).toBe(200);
    const roundsOf = async () => (await owner.get<AlRoundList>(`/api/projects/${p}/active-learning/rounds`)).body.rounds;
    const settled = async (count: number) => {
      for (let i = 0; i < 1200; i++) {
        const list = await roundsOf();
        if (list.length >= count && list.every((r) => r.status === 'done' || r.status === 'failed')) return list;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no ${count} finished rounds:\n${stack.logs().slice(-3000)}`);
    };
    // Four labels submitted at once: each submission sees the threshold reached, one round starts.
    const held = (await owner.post<NextTasksResponse>(`/api/projects/${p}/tasks/next`, { count: 4 })).body.tasks;
    const ids = await db.query<{ id: string; external_id: string }>(`SELECT id::text, external_id FROM items WHERE project_id = $1`, [p]);
    const label = new Map(ids.rows.map((r) => [r.id, small.find((s) => s.id === r.external_id)!.label]));
    const submitted = await Promise.all(
      held.map((t) => owner.post(`/api/projects/${p}/annotations`, { itemId: t.item.id, labels: [label.get(t.item.id)], idempotencyKey: randomUUID() })),
    );
    expect(submitted.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const afterLabels = await settled(1);
    expect(afterLabels.map((r) => [r.trigger, r.status])).toEqual([['labels', 'done']]);

    // A new label model (an LF saved, applied and fitted) starts a round when onLfChange is on; lf-disagreement then
    // chooses among the items an LF voted on.
    await owner.patch(`/api/projects/${p}/active-learning/settings`, {
      strategy: 'lf-disagreement',
      retrain: { afterNewLabels: null, onLfChange: true, everyMinutes: null },
    });
    const keywords = ['game', 'team', 'season', 'win', 'coach'];
    const lf = await owner.post(`/api/projects/${p}/lfs`, { name: 'sport', definition: { kind: 'keyword', keywords, label: 1 } });
    expect(lf.status).toBe(201);
    const afterLf = await settled(2);
    expect(afterLf.map((r) => [r.trigger, r.status, r.usedStrategy])).toEqual([
      ['lf-change', 'done', 'lf-disagreement'],
      ['labels', 'done', 'hybrid'],
    ]);
    const { rows: chosen } = await db.query<{ text: string }>(
      `SELECT i.text FROM al_selections s JOIN items i ON i.id = s.item_id WHERE s.round_id = $1`,
      [afterLf[0].id],
    );
    expect(chosen.length).toBe(afterLf[0].selected);
    expect(chosen.length).toBeGreaterThan(0);
    expect(chosen.filter((c) => !c.text.toLowerCase().split(/\s+/).some((w) => keywords.includes(w)))).toEqual([]);
  }, 300_000);

  it('leaves the scores of a clean round when the worker is killed while scoring and started again', async () => {
    let killed = false;
    let doneAtKill: { chunks_done: number; chunks_total: number } | null = null;
    const interrupted = await round((e) => {
      if (!killed && e.status === 'scoring' && e.scored > 0 && e.scored < POOL) {
        killed = true;
        stack.workers[stack.workers.length - 1].kill('SIGKILL');
        void db.query(`SELECT chunks_done, chunks_total FROM al_rounds WHERE id = $1`, [e.id]).then((r) => (doneAtKill = r.rows[0]));
        stack.startWorker();
      }
    });
    expect(killed).toBe(true);
    // The worker died with chunks left to score: the new worker scored them.
    expect(doneAtKill!.chunks_done).toBeLessThan(doneAtKill!.chunks_total);
    const afterKill = await scores(interrupted.id);
    const clean = await round();
    const models = (await owner.get<ModelList>(`/api/projects/${projectId}/models`)).body.models;
    // The same labels trained both versions, so the same scores are expected of both rounds.
    const byVersion = new Map(models.map((m) => [m.version, m]));
    expect(byVersion.get(interrupted.modelVersion!)!.trainingFingerprint).toBe(byVersion.get(clean.modelVersion!)!.trainingFingerprint);
    const cleanScores = await scores(clean.id);
    expect(afterKill).toHaveLength(POOL);
    expect(afterKill).toEqual(cleanScores);

    // Whether the killed worker held a chunk (it is then retried after its lock expires) is timing; say so.
    const redis = new IORedis(stack.env.REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue('active-learning', { connection: redis, prefix: stack.env.QUEUE_PREFIX });
    const retried = (await queue.getJobs(['completed'])).filter((j) => j.id?.startsWith(`al-score-${interrupted.id}`) && j.attemptsStarted > 1);
    await queue.close();
    redis.disconnect();
    process.stdout.write(`score chunks of the interrupted round started more than once: ${retried.length}\n`);
  }, 600_000);
});
