// Client vectors in active learning, through the api and a real worker: a project imported with embeddingField,
// whose texts say nothing about the class and whose vectors do. Its round trains a model that records the client
// features and is right on the evaluation slice (the gold of the project's test split) where text alone could not
// be; every scored item's stored embedding is its imported vector, and the batch the queue serves first is what
// hybrid picks over those vectors. Once an item without a vector arrives, the next version leaves the vectors out
// and says why.
import type { Client } from 'pg';
import type { ActiveLearningSettingsView, Item, ModelList, NextTasksResponse, Project } from '@arbiter/contracts';
import { selectBatch } from '@arbiter/ml/active-learning';
import { ApiClient, closeSession, importJsonl, newProject, openSession, runAlRound, Stack } from '@arbiter/testing';

const LABELS = ['north', 'south', 'east'];
const POOL = 150;
const GOLD = 90;
const DIM = 6;
const BATCH = 8;

// Class c's vector is large on axis c, with a little of the others; multiples of 1/16, so float4 keeps them exactly.
const vectorOf = (label: number, i: number) => Array.from({ length: DIM }, (_, j) => (j === label ? 2 + (i % 5) / 16 : ((i * (j + 3)) % 7) / 16));
// The texts share their words across classes: nothing in them tells the class.
const WORDS = ['report', 'update', 'note', 'memo', 'brief'];
const rows = Array.from({ length: POOL }, (_, i) => ({
  id: `v-${i}`,
  text: `${WORDS[i % 5]} ${WORDS[(i * 3) % 5]} about the regional figures`,
  label: (i * 7) % 3,
  vec: vectorOf((i * 7) % 3, i),
}));

describe('active learning on client vectors', () => {
  let stack: Stack;
  let owner: ApiClient;
  let db: Client;
  let projectId: string;
  let settings: ActiveLearningSettingsView;

  beforeAll(async () => {
    ({ stack, owner, db } = await openSession({ workers: 1, env: { AL_CHUNK_SIZE: '50', AL_CONCURRENCY: '1' } }));
    projectId = (await newProject(owner, { name: 'Regions', labelSchema: { kind: 'single', labels: LABELS.map((name) => ({ name })) } })).id;
    const imported = await importJsonl(
      owner,
      projectId,
      rows.map((r, i) => ({ id: r.id, text: r.text, vec: r.vec, ...(i < GOLD ? { gold: r.label } : {}) })),
      'format=jsonl&externalIdField=id&goldField=gold&embeddingField=vec',
    );
    expect(imported.body).toMatchObject({ inserted: POOL });
    const patched = await owner.patch<ActiveLearningSettingsView>(`/api/projects/${projectId}/active-learning/settings`, {
      batchSize: BATCH,
      retrain: { afterNewLabels: null, onLfChange: false, everyMinutes: null },
    });
    expect(patched.status).toBe(200);
    settings = patched.body;
  }, 120_000);

  afterAll(() => closeSession({ stack, db }), 30_000);

  const round = () => runAlRound(owner, projectId, stack.logs);

  it('trains on the vectors beside the text and uses them as the embeddings the batch is chosen by', async () => {
    const project = (await owner.get<Project>(`/api/projects/${projectId}`)).body;
    expect(project.embeddingDim).toBe(DIM);

    const done = await round();
    expect(done).toMatchObject({ status: 'done', usedStrategy: 'hybrid', modelVersion: 1, scored: POOL, selected: BATCH });
    const [model] = (await owner.get<ModelList>(`/api/projects/${projectId}/models`)).body.models;
    expect(model.features).toEqual({ clientVectorDim: DIM, embedding: 'client', clientVectorsIgnored: null });
    // The texts carry no class; the vectors do, and the model gets the slice right.
    expect(model.metrics.evaluationItems).toBeGreaterThan(5);
    expect(model.metrics.accuracy).toBe(1);

    // Every scored item's embedding is the vector it was imported with.
    const { rows: stored } = await db.query<{ id: string; external_id: string; probs: number[]; embedding: number[] }>(
      `SELECT p.item_id::text AS id, i.external_id, p.probs::float4[] AS probs, p.embedding::float4[] AS embedding
         FROM predictions p JOIN items i ON i.id = p.item_id WHERE p.round_id = $1 ORDER BY p.item_id`,
      [done.id],
    );
    const byExternal = new Map(rows.map((r) => [r.id, r]));
    expect(stored).toHaveLength(POOL);
    for (const s of stored) expect(s.embedding).toEqual(byExternal.get(s.external_id)!.vec);

    // The queue serves first what hybrid picks over those vectors, and a task does not carry the vector. The round
    // gave the gold items their splits; the test split is left out of the selection.
    const { rows: test } = await db.query<{ id: string }>(`SELECT item_id::text AS id FROM item_splits WHERE project_id = $1 AND split = 'test'`, [projectId]);
    const testSplit = new Set(test.map((r) => r.id));
    const onSlice = (itemId: string) => testSplit.has(itemId);
    // The model was measured on exactly the gold of the test split (every item with a split here is gold).
    expect(model.metrics.evaluationItems).toBe(testSplit.size);
    expect(model.labelCount).toBe(GOLD - testSplit.size);
    const labeled = Uint8Array.from(stored, (s) => (rows.indexOf(byExternal.get(s.external_id)!) < GOLD && !onSlice(s.id) ? 1 : 0));
    const excluded = Uint8Array.from(stored, (s) => (rows.indexOf(byExternal.get(s.external_id)!) < GOLD || onSlice(s.id) ? 1 : 0));
    const picked = selectBatch({
      strategy: 'hybrid',
      batchSize: BATCH,
      seed: settings.seed,
      probs: Float32Array.from(stored.flatMap((s) => s.probs)),
      numClasses: LABELS.length,
      embeddings: Float32Array.from(stored.flatMap((s) => s.embedding)),
      dim: DIM,
      labeled,
      excluded,
      warmUpLabels: 0,
    });
    const next = await owner.post<NextTasksResponse>(`/api/projects/${projectId}/tasks/next`, { count: 3 });
    expect(next.body.tasks.map((t) => t.item.id)).toEqual(picked.rows.slice(0, 3).map((r) => stored[r].id));
    expect(next.body.tasks[0].item).not.toHaveProperty('embedding');
    // The item itself, read by a reviewer or above, shows its vector.
    const item = (await owner.get<Item>(`/api/projects/${projectId}/items/${stored[0].id}`)).body;
    expect(item.embedding).toEqual(byExternal.get(stored[0].external_id)!.vec);
  }, 600_000);

  it('leaves the vectors out of the next version, saying why, once an item without one arrives', async () => {
    const more = await importJsonl(owner, projectId, [{ id: 'plain', text: 'a report without a vector' }], 'format=jsonl&externalIdField=id');
    expect(more.body).toMatchObject({ inserted: 1 });
    const done = await round();
    expect(done).toMatchObject({ status: 'done', modelVersion: 2, scored: POOL + 1 });
    const [model] = (await owner.get<ModelList>(`/api/projects/${projectId}/models`)).body.models;
    expect(model.version).toBe(2);
    expect(model.features).toMatchObject({ clientVectorDim: null, clientVectorsIgnored: `1 of ${POOL + 1} items have no client vector (embeddingField)` });
    expect(['lsa', 'none']).toContain(model.features!.embedding);
    // On text alone, which says nothing of the class here, the slice is no longer right.
    expect(model.metrics.accuracy).toBeLessThan(0.7);
    // No scored item's embedding is its client vector now.
    const { rows: same } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM predictions p JOIN items i ON i.id = p.item_id WHERE p.round_id = $1 AND p.embedding = i.embedding`,
      [done.id],
    );
    expect(same[0].n).toBe(0);
  }, 600_000);
});
