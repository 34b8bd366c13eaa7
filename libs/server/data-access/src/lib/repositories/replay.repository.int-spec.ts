// ReplayRepository on the machine's PostgreSQL: which items a replay freezes and with which label (gold before
// consensus, nothing unlabeled or out of the label range), one active replay per project, and a run stored once.
import { openTestDatabase, type TestDatabase } from '../test-database.testing';
import { ReplayRepository } from './replay.repository';

describe('ReplayRepository', () => {
  let db: TestDatabase;
  let repo: ReplayRepository;
  let projectId: string;
  const request = { strategies: ['random'], seeds: 1, initial: 1, batch: 1, budget: 2 };
  const input = () => ({ projectId, classes: 3, request, runsTotal: 1, minItems: 4, createdBy: null });

  beforeAll(async () => {
    db = await openTestDatabase();
    repo = new ReplayRepository(db.sql);
    [{ id: projectId }] = await db.sql.many<{ id: string }>(
      `INSERT INTO projects (name, label_kind, labels) VALUES ('p', 'single', '[{"name":"a"},{"name":"b"},{"name":"c"}]') RETURNING id`,
    );
    // gold 0; gold 2 over consensus 1; consensus 1 alone; nothing; gold out of range (3); gold 1.
    const items = await db.sql.many<{ id: string }>(
      `INSERT INTO items (project_id, text, gold) VALUES ($1, 'g0', '{0}'), ($1, 'g2', '{2}'), ($1, 'c1', NULL), ($1, 'none', NULL),
         ($1, 'out', '{3}'), ($1, 'g1', '{1}') RETURNING id::text AS id`,
      [projectId],
    );
    for (const [i, label] of [[1, 1], [2, 1]]) {
      await db.sql.many(`INSERT INTO item_consensus (item_id, project_id, labels, confidence, method) VALUES ($1, $2, $3, 1, 'majority')`, [
        items[i].id,
        projectId,
        [label],
      ]);
    }
  }, 60_000);
  afterAll(() => db?.close(), 30_000);

  it('counts only labeled items in range, and refuses when there are too few', async () => {
    expect(await repo.create({ ...input(), minItems: 5 })).toEqual({ outcome: 'too-few', labeled: 4 });
  }, 30_000);

  it('freezes each labeled item with its gold label, else its consensus, and allows one active replay', async () => {
    const created = await repo.create(input());
    if (created.outcome !== 'created') throw new Error(JSON.stringify(created));
    expect(created.replay).toMatchObject({ status: 'queued', labeledItems: 4, runsDone: 0, runsTotal: 1, results: [], request });
    expect((await repo.items(created.replay.id)).map((it) => [it.text, it.label])).toEqual([
      ['g0', 0],
      ['g2', 2],
      ['c1', 1],
      ['g1', 1],
    ]);
    const busy = await repo.create(input());
    expect(busy).toMatchObject({ outcome: 'busy', active: { id: created.replay.id } });

    // A result is stored and counted once, however many attempts bring it.
    await repo.start(created.replay.id);
    const run = { strategy: 'random', seed: 1, fullAccuracy: 0.9, points: [{ labels: 1, accuracy: 0.5 }] };
    expect(await repo.saveResult(created.replay.id, run)).toMatchObject({ runsDone: 1, results: [run] });
    expect(await repo.saveResult(created.replay.id, run)).toBeNull();
    expect(await repo.finish(created.replay.id, { labelsToReach: { random: { p95: 1, p98: null } } })).toMatchObject({ status: 'done', runsDone: 1 });
    expect(await repo.finish(created.replay.id, { error: 'late' })).toBeNull();

    // Finished, it no longer blocks the next one.
    expect(await repo.create(input())).toMatchObject({ outcome: 'created' });
  }, 30_000);
});
