// The active-learning repositories on the machine's PostgreSQL: settings with their defaults and a fixed seed; one
// round in flight per project however many ask at once; a scored chunk written twice (a retried job) leaving the
// rows of one write, by COPY and by the embedded database's INSERT alike; and the queue serving a round's
// selection first, by rank, with overlap k, the reason it was chosen and the model's suggestion; and a model LF saved
// while a round finishes either keeping its model's scores or being refused, never saved without them.
import { Client } from 'pg';
import { DEFAULT_ACTIVE_LEARNING_SETTINGS } from '@arbiter/contracts';
import type { DatabaseOptions } from '../data-source';
import { openTestDatabase, type TestDatabase, waitForBlocked } from '../test-database.testing';
import { AlRoundRepository } from './al-round.repository';
import { AlSettingsRepository } from './al-settings.repository';
import { CounterRepository } from './counter.repository';
import { HoneypotRepository } from './honeypot.repository';
import { LfRepository } from './lf.repository';
import { ModelRepository } from './model.repository';
import { MODEL_SCORES_LOCK, ModelScoresGoneError } from './model-scores';
import { PredictionRepository } from './prediction.repository';
import { SelectionRepository } from './selection.repository';
import { TaskRepository } from './task.repository';

const METRICS = { accuracy: 0.5, macroF1: 0.4, evaluationItems: 2, eceBefore: null, eceAfter: null, temperature: 1 };

describe('active-learning repositories', () => {
  let db: TestDatabase;
  let rounds: AlRoundRepository;
  let settings: AlSettingsRepository;

  beforeAll(async () => {
    db = await openTestDatabase(6);
    rounds = new AlRoundRepository(db.sql);
    settings = new AlSettingsRepository(db.sql);
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  }, 30_000);

  async function project(items: number, overlap = 1): Promise<{ projectId: string; itemIds: string[] }> {
    const [{ id: projectId }] = await db.sql.many<{ id: string }>(
      `INSERT INTO projects (name, label_kind, labels, overlap) VALUES ('p', 'single', '[{"name":"a"},{"name":"b"}]', $1) RETURNING id`,
      [overlap],
    );
    const rows = await db.sql.many<{ id: string }>(
      `INSERT INTO items (project_id, text) SELECT $1, 'text ' || g FROM generate_series(1, $2) g RETURNING id::text`,
      [projectId, items],
    );
    await db.sql.many(
      `INSERT INTO task_slots (item_id, slot, project_id) SELECT i.id, s, $1 FROM items i, generate_series(0, $2 - 1) s WHERE i.project_id = $1`,
      [projectId, overlap],
    );
    return { projectId, itemIds: rows.map((r) => r.id) };
  }

  async function user(name: string): Promise<string> {
    const [{ id }] = await db.sql.many<{ id: string }>(`INSERT INTO users (email, name, password_hash) VALUES ($1, $1, 'h') RETURNING id`, [`${name}@x`]);
    return id;
  }

  /** Opens a round and carries it to scoring with a model (version n of the project) over chunks of `chunkSize`. */
  async function scoringRound(projectId: string, chunkSize: number) {
    const opened = await rounds.open(projectId, { trigger: 'manual', strategy: 'margin', batchSize: 3 });
    if (!('opened' in opened)) throw new Error('a round is in flight');
    await rounds.markTraining(opened.opened.id);
    const model = { kind: 'logreg' as const, backend: 'wasm', artifact: Buffer.from([1, 2, 3]), trainingFingerprint: 'f', labelCount: 4, snapshotId: null, metrics: METRICS,
      features: { clientVectorDim: null, embedding: 'lsa' as const, clientVectorsIgnored: null } };
    const started = await rounds.startScoring(opened.opened.id, { model }, chunkSize);
    if (!started) throw new Error('not training');
    return started;
  }

  it('creates settings with the contract defaults and a seed that never changes', async () => {
    const { projectId } = await project(1);
    const first = await settings.get(projectId);
    const { seed, ...rest } = first!;
    expect(rest).toEqual(DEFAULT_ACTIVE_LEARNING_SETTINGS);
    expect(Number.isInteger(seed)).toBe(true);
    const patched = await settings.update(projectId, { strategy: 'margin', retrain: { afterNewLabels: null, onLfChange: false, everyMinutes: 30 } });
    expect(patched).toMatchObject({ strategy: 'margin', batchSize: 50, retrain: { afterNewLabels: null, onLfChange: false, everyMinutes: 30 }, seed });
    expect(await settings.get('00000000-0000-4000-8000-000000000000')).toBeNull();
  }, 30_000);

  it('opens one round per project however many ask at once, and numbers model versions in order', async () => {
    const { projectId } = await project(5);
    const asks = await Promise.all(Array.from({ length: 6 }, () => rounds.open(projectId, { trigger: 'labels', strategy: 'hybrid', batchSize: 5 })));
    const opened = asks.filter((a) => 'opened' in a);
    expect(opened).toHaveLength(1);
    const id = 'opened' in opened[0] ? opened[0].opened.id : '';
    expect(asks.map((a) => ('opened' in a ? a.opened.id : a.inFlight.id))).toEqual(new Array(6).fill(id));
    await rounds.fail(id, 'test');
    const a = await scoringRound(projectId, 2);
    expect(a.chunks.map((c) => c.items)).toEqual([2, 2, 1]);
    expect(a.round).toMatchObject({ status: 'scoring', poolSize: 5, chunksTotal: 3, modelVersion: 1 });
    await rounds.fail(a.round.id, 'test');
    expect((await scoringRound(projectId, 5)).model?.version).toBe(2);
    expect((await new ModelRepository(db.sql).list(projectId)).map((m) => m.version)).toEqual([2, 1]);
  }, 30_000);

  it('says a round is due after the configured number of new annotations, never while one is in flight', async () => {
    const { projectId } = await project(1);
    const counted = async (n: number) => {
      await db.sql.many(`INSERT INTO project_counters (project_id, dimension, key, value) VALUES ($1, 'annotator', 'u', $2)
                         ON CONFLICT (project_id, dimension, key) DO UPDATE SET value = EXCLUDED.value`, [projectId, n]);
      return rounds.labelsDue(projectId);
    };
    // Settings never read: the contract's default (50) applies.
    expect([await counted(49), await counted(50)]).toEqual([false, true]);
    await counted(0);
    await settings.update(projectId, { retrain: { afterNewLabels: 3, onLfChange: false, everyMinutes: null } });
    const annotations = (n: number) =>
      db.sql.many(`INSERT INTO project_counters (project_id, dimension, key, value) VALUES ($1, 'annotator', 'u', $2)
                   ON CONFLICT (project_id, dimension, key) DO UPDATE SET value = EXCLUDED.value`, [projectId, n]);
    await annotations(2);
    expect(await rounds.labelsDue(projectId)).toBe(false);
    await annotations(3);
    expect(await rounds.labelsDue(projectId)).toBe(true);
    const opened = await rounds.open(projectId, { trigger: 'labels', strategy: 'hybrid', batchSize: 5 });
    expect(await rounds.labelsDue(projectId)).toBe(false);
    await rounds.fail('opened' in opened ? opened.opened.id : '', 'test');
    // The baseline is the count when that round opened.
    expect(await rounds.labelsDue(projectId)).toBe(false);
    await annotations(6);
    expect(await rounds.labelsDue(projectId)).toBe(true);
  }, 30_000);

  it('counts a review decision as a new label, and an open review not', async () => {
    const { projectId, itemIds } = await project(4);
    await settings.update(projectId, { retrain: { afterNewLabels: 3, onLfChange: false, everyMinutes: null } });
    const review = (itemId: string, status: 'open' | 'decided') =>
      db.sql.many(`INSERT INTO review_queue (item_id, project_id, reason, status) VALUES ($1, $2, 'disagreement', $3)`, [itemId, projectId, status]);
    await db.sql.many(`INSERT INTO project_counters (project_id, dimension, key, value) VALUES ($1, 'annotator', 'u', 1)`, [projectId]);
    await review(itemIds[0], 'decided');
    await review(itemIds[1], 'open');
    await review(itemIds[2], 'open');
    // One annotation and one decision: two of three.
    expect(await rounds.labelsDue(projectId)).toBe(false);
    await db.sql.many(`UPDATE review_queue SET status = 'decided' WHERE item_id = $1`, [itemIds[1]]);
    expect(await rounds.labelsDue(projectId)).toBe(true);
  }, 30_000);

  it.each(['copy', 'insert'] as const)('leaves the rows of one write when a chunk is written twice (%s)', async (bulkInsert) => {
    const predictions = new PredictionRepository(db.sql, { bulkInsert } as DatabaseOptions);
    const { projectId, itemIds } = await project(4);
    const { round, model, chunks } = await scoringRound(projectId, 2);
    const rows = chunks.map((c) => itemIds.filter((id) => BigInt(id) >= BigInt(c.fromId) && BigInt(id) <= BigInt(c.toId)));
    // Values that float32 cannot hold exactly, and the smallest subnormal, round-trip as the same reals.
    const scores = (ids: string[], shift: number) => ({
      itemIds: ids,
      modelId: model!.id,
      probs: Float32Array.from(ids.flatMap((_, i) => [0.1 + i / 7 + shift, 0.9 - i / 7 - shift])),
      numClasses: 2,
      embeddings: Float32Array.from(ids.flatMap((_, i) => [Math.PI * (i + 1), -1e-45, 1 / 3])),
      dim: 3,
    });
    expect(await predictions.saveChunk(round.id, 0, scores(rows[0], 0))).toBe(true);
    const stored = () =>
      db.sql.many(`SELECT item_id::text, model_id, probs::text, embedding::text FROM predictions WHERE round_id = $1 ORDER BY item_id`, [round.id]);
    const once = await stored();
    // The retry computed slightly different numbers (say, another machine): the first write stands, counted once.
    expect(await predictions.saveChunk(round.id, 0, scores(rows[0], 0.01))).toBe(false);
    expect(await stored()).toEqual(once);
    await predictions.saveChunk(round.id, 1, scores(rows[1], 0));
    expect(await rounds.get(round.id)).toMatchObject({ scored: 4, chunksDone: 2 });
    const read = await predictions.forRound(round.id);
    expect([read.numClasses, read.dim]).toEqual([2, 3]);
    expect(read.itemIds).toEqual(itemIds);
    const expected = scores(rows[0], 0);
    expect(Array.from(read.probs!.subarray(0, 4))).toEqual(Array.from(expected.probs));
    expect(Array.from(read.embeddings!.subarray(0, 6))).toEqual(Array.from(expected.embeddings));
  }, 30_000);

  it('serves the selection first by rank with overlap k, saying why, with the model as a suggestion', async () => {
    const { projectId, itemIds } = await project(6, 2);
    const [ann1, ann2, ann3] = [await user('a1'), await user('a2'), await user('a3')];
    const tasks = new TaskRepository(db.sql, new CounterRepository(db.sql), new HoneypotRepository(db.sql));
    const selections = new SelectionRepository(db.sql);
    const { round, model } = await scoringRound(projectId, 10);
    await new PredictionRepository(db.sql, { bulkInsert: 'copy' } as DatabaseOptions).saveChunk(round.id, 0, {
      itemIds,
      modelId: model!.id,
      probs: Float32Array.from(itemIds.flatMap((_, i) => [i / 10, 1 - i / 10])),
      numClasses: 2,
      embeddings: null,
      dim: 0,
    });
    await rounds.markSelecting(round.id);
    const chosen = [itemIds[4], itemIds[1]];
    await selections.replaceWithRound(round.id, {
      usedStrategy: 'margin',
      modelVersion: 1,
      selections: chosen.map((itemId, i) => ({ itemId, score: 0.25 * (i + 1), rank: i + 1 })),
    });

    const first = await tasks.claim(projectId, ann1, 3, 60);
    expect(first.map((t) => t.item.id)).toEqual([itemIds[4], itemIds[1], itemIds[0]]);
    expect(first[0].item).toMatchObject({ chosenBy: { strategy: 'margin', score: 0.25, rank: 1, modelVersion: 1 }, suggestionModelVersion: 1 });
    expect(first[0].item.suggestion![0]).toBeCloseTo(0.4, 6);
    expect(first[2].item).toMatchObject({ chosenBy: null, suggestionModelVersion: 1 });
    // Overlap 2: the second annotator gets the same selected items first, the third gets the usual order.
    expect((await tasks.claim(projectId, ann2, 2, 60)).map((t) => t.item.id)).toEqual(chosen);
    expect((await tasks.claim(projectId, ann3, 1, 60)).map((t) => t.item.id)).toEqual([itemIds[0]]);

    // The next round's selection replaces the unserved rows; items started but still open stay first.
    const next = await scoringRound(projectId, 10);
    await rounds.markSelecting(next.round.id);
    await db.sql.many(`UPDATE task_slots SET state = 'done' WHERE item_id = $1`, [itemIds[1]]);
    await db.sql.many(`UPDATE task_slots SET state = 'free', user_id = NULL, leased_at = NULL, lease_expires_at = NULL WHERE item_id = $1 AND user_id = $2`, [itemIds[4], ann2]);
    await selections.replaceWithRound(next.round.id, { usedStrategy: 'entropy', modelVersion: 2, selections: [{ itemId: itemIds[5], score: null, rank: 1 }] });
    expect((await selections.list(projectId)).map((s) => [s.itemId, s.rank, s.strategy])).toEqual([
      [itemIds[4], 1, 'margin'],
      [itemIds[5], 1, 'entropy'],
    ]);
    // Only the finished round's scores remain (the suggestions); this one has none for the items.
    expect(await db.sql.many(`SELECT DISTINCT round_id FROM predictions p JOIN items i ON i.id = p.item_id WHERE i.project_id = $1`, [projectId])).toEqual([]);
  }, 30_000);
  describe('a model LF saved while a round finishes', () => {
    let holder: Client;
    let holderPid: number;

    beforeAll(async () => {
      holder = new Client({ connectionString: db.url });
      await holder.connect();
      holderPid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    }, 30_000);

    afterAll(async () => {
      await holder?.end();
    }, 30_000);

    /** Round 1 done with scores (model v1, what the LF pins), round 2 scored and about to finish. */
    async function twoRounds() {
      const { projectId, itemIds } = await project(3);
      const predictions = new PredictionRepository(db.sql, { bulkInsert: 'copy' } as DatabaseOptions);
      const scored = async () => {
        const { round, model } = await scoringRound(projectId, 10);
        await predictions.saveChunk(round.id, 0, { itemIds, modelId: model!.id, probs: new Float32Array(itemIds.length * 2).fill(0.5), numClasses: 2, embeddings: null, dim: 0 });
        await rounds.markSelecting(round.id);
        return round.id;
      };
      const selections = new SelectionRepository(db.sql);
      const finish = (roundId: string, modelVersion: number) => selections.replaceWithRound(roundId, { usedStrategy: 'margin', modelVersion, selections: [] });
      await finish(await scored(), 1);
      const second = await scored();
      const lfs = new LfRepository(db.sql, { bulkInsert: 'copy' } as DatabaseOptions);
      expect(await lfs.votableModels(projectId)).toEqual([1]);
      const saveLf = () =>
        lfs.create(projectId, { name: 'model v1', description: '', enabled: true, kind: 'model', definition: { kind: 'model', modelVersion: 1, minConfidence: 0.9 } }, null);
      return { projectId, lfs, saveLf, finishSecond: () => finish(second, 2) };
    }

    // The holder takes the lock both writers need, so they queue behind it in the order the test chooses; the
    // waits are observed, so the test fails if either writer never took the lock.
    async function inOrder<A, B>(projectId: string, first: () => Promise<A>, second: () => Promise<B>) {
      await holder.query('BEGIN');
      await holder.query(MODEL_SCORES_LOCK, [projectId]);
      const a = first().then((v) => ({ v }), (err: Error) => ({ err }));
      await waitForBlocked(db, holderPid, 1, a);
      const b = second().then((v) => ({ v }), (err: Error) => ({ err }));
      await waitForBlocked(db, null, 2, b);
      await holder.query('COMMIT');
      return [await a, await b] as const;
    }

    it('keeps the pinned model’s scores when the LF commits first', async () => {
      const { projectId, lfs, saveLf, finishSecond } = await twoRounds();
      const [saved, finished] = await inOrder(projectId, saveLf, finishSecond);
      expect(saved).toEqual({ v: expect.any(String) });
      expect(finished).toEqual({ v: true });
      expect(await lfs.votableModels(projectId)).toEqual([2, 1]);
    }, 30_000);

    it('refuses the LF, naming the versions that can vote, when the round took the scores first', async () => {
      const { projectId, lfs, saveLf, finishSecond } = await twoRounds();
      const [finished, saved] = await inOrder(projectId, finishSecond, saveLf);
      expect(finished).toEqual({ v: true });
      expect(saved).toEqual({ err: expect.any(ModelScoresGoneError) });
      expect((saved as { err: ModelScoresGoneError }).err).toMatchObject({ modelVersion: 1, votable: [2] });
      expect(await lfs.votableModels(projectId)).toEqual([2]);
      expect(await db.sql.many(`SELECT 1 FROM labeling_functions WHERE project_id = $1`, [projectId])).toEqual([]);
    }, 30_000);
  });
});
