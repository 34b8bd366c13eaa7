// A model LF through the api and a real worker: after an active-learning round has trained and scored model v1, an
// engineer adds an LF that votes v1's label where v1 gives it at least 0.5. Its preview and its stored votes are
// exactly what v1's stored probabilities say; it is refused for a model that has no scores; while it names v1, later
// rounds keep v1's scores (its runs read them), and once it moves to v2 they go as any old round's do.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Client } from 'pg';
import type { Lf, LfListResponse, LfPreviewResponse } from '@arbiter/contracts';
import { ApiClient, closeSession, importJsonl, newProject, openSession, runAlRound, Stack } from '@arbiter/testing';

const DATA = resolve(__dirname, '../../shared/data/agnews-test/test.jsonl');
const POOL = 300;
const GOLD = 120;
const LABELS = ['World', 'Sports', 'Business', 'Sci/Tech'];
const CONFIDENCE = 0.5;

const rows = readFileSync(DATA, 'utf8')
  .split('\n')
  .slice(0, POOL)
  .map((line, i) => {
    const r = JSON.parse(line) as { sentence: string; label: number };
    return { id: `ag-${i}`, text: r.sentence, ...(i < GOLD ? { gold: r.label } : {}) };
  });

describe('a model LF', () => {
  let stack: Stack;
  let owner: ApiClient;
  let db: Client;
  let projectId: string;

  beforeAll(async () => {
    ({ stack, owner, db } = await openSession({ workers: 1, env: { AL_CHUNK_SIZE: '100', AL_CONCURRENCY: '1' } }));
    const project = await newProject(owner, { name: 'AG News LFs', labelSchema: { kind: 'single', labels: LABELS.map((name) => ({ name })) } });
    projectId = project.id;
    expect((await importJsonl(owner, projectId, rows, 'format=jsonl&externalIdField=id&goldField=gold')).body).toMatchObject({ inserted: POOL });
    // Rounds only when the test asks for them.
    const quiet = await owner.patch(`/api/projects/${projectId}/active-learning/settings`, { retrain: { afterNewLabels: null, onLfChange: false, everyMinutes: null } });
    expect(quiet.status).toBe(200);
  }, 120_000);

  afterAll(() => closeSession({ stack, db }), 30_000);

  const round = () => runAlRound(owner, projectId, stack.logs);

  /** The LF's current version applied and fitted into the label model. */
  async function waitForFit(lfId: string): Promise<LfListResponse> {
    for (let i = 0; i < 1200; i++) {
      const r = (await owner.get<LfListResponse>(`/api/projects/${projectId}/lfs`)).body;
      const lf = r.lfs.find((x) => x.id === lfId);
      if (lf && !lf.pending && lf.stats && r.labelModel?.lfVersionIds.includes(lf.current.id) && r.run?.status !== 'running') return r;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(`LF ${lfId} was not fitted:\n${stack.logs().slice(-4000)}`);
  }

  /** item id → the vote v's stored probabilities give: the arg-max (lower label on a tie) when it reaches CONFIDENCE. */
  async function expectedVotes(roundId: string): Promise<Map<string, number>> {
    const { rows: stored } = await db.query<{ id: string; probs: number[] }>(`SELECT item_id::text AS id, probs::float8[] AS probs FROM predictions WHERE round_id = $1`, [
      roundId,
    ]);
    expect(stored).toHaveLength(POOL);
    const votes = new Map<string, number>();
    for (const { id, probs } of stored) {
      const best = probs.indexOf(Math.max(...probs));
      if (probs[best] >= CONFIDENCE) votes.set(id, best);
    }
    return votes;
  }

  async function storedVotes(versionId: string): Promise<Map<string, number>> {
    const { rows: votes } = await db.query<{ id: string; vote: number }>(`SELECT item_id::text AS id, vote FROM lf_votes WHERE lf_version_id = $1`, [versionId]);
    return new Map(votes.map((v) => [v.id, v.vote]));
  }

  const keptScores = async (roundId: string) => Number((await db.query(`SELECT count(*) FROM predictions WHERE round_id = $1`, [roundId])).rows[0].count);

  it('votes model v1 where its stored probabilities reach the confidence, keeps them while pinned, and lets them go after', async () => {
    const definition = { kind: 'model', modelVersion: 1, minConfidence: CONFIDENCE };
    // No model yet: a 400 naming the field and saying how to get one.
    const early = await owner.post(`/api/projects/${projectId}/lfs`, { name: 'model says', definition });
    expect(early.status).toBe(400);
    expect(JSON.stringify(early.body)).toMatch(/definition\.modelVersion.*no scored model yet: an active-learning round/);

    const first = await round();
    expect(first.modelVersion).toBe(1);
    const expected = await expectedVotes(first.id);
    // A confident model on four balanced classes: some items vote, some abstain (else the check below is weak).
    expect(expected.size).toBeGreaterThan(0);
    expect(expected.size).toBeLessThan(POOL);

    const unknown = await owner.post(`/api/projects/${projectId}/lfs`, { name: 'model says', definition: { ...definition, modelVersion: 7 } });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toMatch(/model v7 has no scores to vote from \(models with kept scores: v1\)/);

    // The preview on every item says what the stored probabilities say.
    const preview = await owner.post<LfPreviewResponse>(`/api/projects/${projectId}/lfs/preview`, { definition, sampleSize: POOL });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ sampled: POOL, partial: false, error: null, coverage: expected.size / POOL });
    const byLabel = new Map<number, number>();
    for (const v of expected.values()) byLabel.set(v, (byLabel.get(v) ?? 0) + 1);
    expect(preview.body.votes).toEqual([...byLabel.entries()].sort((a, b) => a[0] - b[0]).map(([label, count]) => ({ label, count })));

    const created = await owner.post<Lf>(`/api/projects/${projectId}/lfs`, { name: 'model says', definition });
    expect(created.status).toBe(201);
    expect(created.body.current).toMatchObject({ kind: 'model', definition: { kind: 'model', modelVersion: 1, minConfidence: CONFIDENCE } });
    const fitted = await waitForFit(created.body.id);
    expect(fitted.lfs[0].stats?.coverage).toBeCloseTo(expected.size / POOL, 12);
    expect(await storedVotes(created.body.current.id)).toEqual(expected);

    // A second round: v1's scores stay, since the LF names v1.
    const second = await round();
    expect(second.modelVersion).toBe(2);
    expect(await keptScores(first.id)).toBe(POOL);

    // Moved to v2: a new version whose votes are v2's; the next round drops v1's scores like any old round's.
    const moved = await owner.patch<Lf>(`/api/projects/${projectId}/lfs/${created.body.id}`, { definition: { ...definition, modelVersion: 2 } });
    expect(moved.status).toBe(200);
    await waitForFit(created.body.id);
    expect(await storedVotes(moved.body.current.id)).toEqual(await expectedVotes(second.id));
    const third = await round();
    expect(third.modelVersion).toBe(3);
    expect(await keptScores(first.id)).toBe(0);
    expect(await keptScores(second.id)).toBe(POOL);
  }, 600_000);
});
