// Snapshot builds and diffs on the machine's PostgreSQL: the final label and its source by the policy's precedence,
// the exclusions and their reasons, splits given once and kept, content hashes over the stored lines, and the diff
// between two versions (added, removed, relabeled, re-sourced).
import { createHash } from 'node:crypto';
import { DEFAULT_LABEL_POLICY, type LabelPolicy, type SnapshotRow } from '@arbiter/contracts';
import { openTestDatabase, type TestDatabase } from '../test-database.testing';
import { type AssignSplits, SnapshotRepository } from './snapshot.repository';

describe('SnapshotRepository', () => {
  let db: TestDatabase;
  let repo: SnapshotRepository;
  let projectId: string;
  const ids: Record<string, string> = {};
  const calls: number[] = [];
  // Deals candidates out in item id order: train, train, valid, test, … (the real rule lives in libs/domain/splits).
  const assign: AssignSplits = (candidates) => {
    calls.push(candidates.length);
    const cycle = ['train', 'train', 'valid', 'test'] as const;
    return { assignments: candidates.map((c, i) => ({ itemId: c.itemId, split: cycle[i % 4] })), groups: {} };
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    repo = new SnapshotRepository(db.sql, { bulkInsert: 'copy' });
    [{ id: projectId }] = await db.sql.many<{ id: string }>(`INSERT INTO projects (name, label_kind, labels, review_threshold) VALUES ('p', 'single', '[{"name":"ham"},{"name":"spam"}]', 0.6) RETURNING id`);
    const [{ id: userA }] = await db.sql.many<{ id: string }>(`INSERT INTO users (email, name, password_hash) VALUES ('a@x', 'A', 'h') RETURNING id`);
    const [{ id: userB }] = await db.sql.many<{ id: string }>(`INSERT INTO users (email, name, password_hash) VALUES ('b@x', 'B', 'h') RETURNING id`);
    const item = async (ext: string, extra = '', values: unknown[] = []) => {
      const [{ id }] = await db.sql.many<{ id: string }>(
        `INSERT INTO items (project_id, external_id, text${extra ? `, ${extra}` : ''}) VALUES ($1, $2, $3${values.map((_, i) => `, $${i + 4}`).join('')}) RETURNING id::text`,
        [projectId, ext, `text of ${ext}`, ...values],
      );
      ids[ext] = id;
    };
    await item('gold', 'gold, gold_source', ['{1}', 'import']);
    await item('reviewed', 'gold, gold_source, status', ['{0}', 'review', 'completed']);
    await item('verdict', 'gold, gold_source', ['{1}', 'production-review']);
    await item('agreed', 'status', ['completed']);
    await item('split', 'status', ['completed']);
    await item('weak');
    await item('weakLow');
    await item('nothing');
    const consensus = (ext: string, label: number, confidence: number) =>
      db.sql.many(`INSERT INTO item_consensus (item_id, project_id, labels, confidence, method) VALUES ($1, $2, $3, $4, 'majority')`, [ids[ext], projectId, `{${label}}`, confidence]);
    await consensus('agreed', 0, 1);
    await consensus('split', 1, 0.5);
    await consensus('reviewed', 1, 0.5);
    await db.sql.many(`INSERT INTO review_queue (item_id, project_id, reason) VALUES ($1, $2, 'disagreement')`, [ids.split, projectId]);
    const annotate = (ext: string, user: string, slot: number, label: number) =>
      db.sql.many(`INSERT INTO annotations (project_id, item_id, user_id, slot, labels, idempotency_key) VALUES ($1, $2, $3, $4, $5, $6)`, [projectId, ids[ext], user, slot, `{${label}}`, `${ext}-${slot}`]);
    await annotate('agreed', userA, 0, 0);
    await annotate('agreed', userB, 1, 0);
    await annotate('split', userA, 0, 0);
    await annotate('split', userB, 1, 1);
    await annotate('reviewed', userA, 0, 1);
    await annotate('reviewed', userB, 1, 0);
    const [{ id: lm }] = await db.sql.many<{ id: string }>(
      `INSERT INTO label_models (project_id, lf_version_ids, chosen, reason, class_balance, lf_accuracies, analysis, items, covered)
       VALUES ($1, '{7,3}', 'majority', 'r', '{0.5,0.5}', '{}', '{}', 2, 2) RETURNING id::text`,
      [projectId],
    );
    ids.labelModel = lm;
    const weak = (ext: string, label: number, confidence: number) =>
      db.sql.many(`INSERT INTO weak_labels (item_id, project_id, label_model_id, probabilities, label, confidence, conflict, votes) VALUES ($1, $2, $3, '{0.5,0.5}', $4, $5, false, 2)`, [ids[ext], projectId, lm, label, confidence]);
    await weak('weak', 1, 0.95);
    await weak('weakLow', 0, 0.6);
  }, 60_000);
  afterAll(() => db?.close(), 30_000);

  async function build(policy: LabelPolicy = DEFAULT_LABEL_POLICY) {
    const { id } = await repo.create(projectId, { trigger: 'manual', policy, note: null, requestedBy: null });
    const built = await repo.build(id, assign);
    const lines = (await db.sql.many<{ line: string }>(`SELECT line FROM snapshot_rows WHERE snapshot_id = $1 ORDER BY ordinal`, [id])).map((r) => r.line);
    const found = await repo.find(projectId, built.view.version);
    return { id, view: built.view, lines, rows: lines.map((l) => JSON.parse(l) as SnapshotRow), manifest: found!.manifest!, datasheet: found!.datasheet! };
  }

  it('takes the final label by source precedence under the default policy, and says why the rest are out', async () => {
    const v1 = await build();
    expect(v1.view).toMatchObject({ version: 1, status: 'complete', rowCount: 4 });
    const byExt = Object.fromEntries(v1.rows.map((r) => [r.externalId, r]));
    expect(Object.keys(byExt).sort()).toEqual(['agreed', 'gold', 'reviewed', 'verdict']);
    expect(byExt.gold).toMatchObject({ label: 'spam', source: 'gold', confidence: 1, annotators: 0, agreement: null, lfVersionIds: null });
    // The reviewer's decision wins over the annotators' consensus; one of the two annotators agreed with it.
    expect(byExt.reviewed).toMatchObject({ label: 'ham', source: 'review', annotators: 2, agreement: 0.5 });
    expect(byExt.verdict).toMatchObject({ label: 'spam', source: 'production-verdict' });
    expect(byExt.agreed).toMatchObject({ label: 'ham', source: 'consensus', confidence: 1, annotators: 2, agreement: 1 });
    expect(v1.datasheet.exclusions).toEqual({ unlabeled: 1, underAdjudication: 0, openDisagreement: 1, sourceExcluded: 2, weakBelowConfidence: 0 });
    expect(v1.datasheet.sources).toEqual({ consensus: 1, gold: 1, 'production-verdict': 1, review: 1 });
    // Every labeled item (weak ones too) got its split, once.
    expect(calls).toEqual([7]);
    // The manifest's hash is over the stored lines as JSONL.
    expect(v1.manifest.contentHash).toBe(createHash('sha256').update(v1.lines.map((l) => `${l}\n`).join('')).digest('hex'));
    const trainLines = v1.rows.map((r, i) => [r, v1.lines[i]] as const).filter(([r]) => r.split === 'train').map(([, l]) => `${l}\n`);
    expect(v1.manifest.splits.train).toEqual({ rows: trainLines.length, contentHash: createHash('sha256').update(trainLines.join('')).digest('hex') });
  }, 60_000);

  it('hashes the same rows to the same figures without COPY (the embedded database\'s path)', async () => {
    const v1 = await repo.find(projectId, 1);
    const paged = new SnapshotRepository(db.sql, { bulkInsert: 'insert' });
    const { id } = await paged.create(projectId, { trigger: 'manual', policy: DEFAULT_LABEL_POLICY, note: null, requestedBy: null });
    const built = await paged.build(id, assign);
    expect(built.view.contentHash).toBe(v1!.view.contentHash);
    expect((await paged.find(projectId, built.view.version))!.manifest!.splits).toEqual(v1!.manifest!.splits);
  }, 60_000);

  it('admits weak labels above the bar with their LF versions and label model, and open disagreements when asked', async () => {
    const v2 = await build({ ...DEFAULT_LABEL_POLICY, sources: ['gold', 'consensus', 'review', 'production-verdict', 'weak'], weakMinConfidence: 0.9, includeOpenDisagreements: true });
    const byExt = Object.fromEntries(v2.rows.map((r) => [r.externalId, r]));
    expect(byExt.weak).toMatchObject({ label: 'spam', source: 'weak', lfVersionIds: ['3', '7'], labelModelId: ids.labelModel });
    expect(byExt.weak.confidence).toBeCloseTo(0.95, 6);
    expect(byExt.split).toMatchObject({ label: 'spam', source: 'consensus', confidence: 0.5, agreement: 0.5 });
    expect(byExt.weakLow).toBeUndefined();
    expect(v2.datasheet.exclusions).toMatchObject({ unlabeled: 1, weakBelowConfidence: 1, openDisagreement: 0 });
    // No new first labels since v1: nothing assigned again, and every item kept its split.
    expect(calls).toEqual([7]);
  }, 60_000);

  it('diffs two versions: added, removed, relabeled and re-sourced, in item id order', async () => {
    await db.sql.many(`UPDATE items SET gold = '{1}', gold_source = 'review' WHERE id = $1`, [ids.agreed]);
    await db.sql.many(`UPDATE items SET gold = '{0}' WHERE id = $1`, [ids.gold]);
    const v3 = await build({ ...DEFAULT_LABEL_POLICY, sources: ['gold', 'consensus', 'review', 'weak'] });
    const diff = await repo.diff((await repo.find(projectId, 1))!.id, v3.id);
    expect(diff).toEqual({
      added: [ids.weak],
      removed: [ids.verdict],
      relabeled: [
        { itemId: ids.gold, from: 'spam', to: 'ham', fromSource: 'gold', toSource: 'gold' },
        { itemId: ids.agreed, from: 'ham', to: 'spam', fromSource: 'consensus', toSource: 'review' },
      ],
      sourceChanged: [],
    });
    // v1's rows are as they were.
    const v1 = await repo.find(projectId, 1);
    const again = (await db.sql.many<{ line: string }>(`SELECT line FROM snapshot_rows WHERE snapshot_id = $1 ORDER BY ordinal`, [v1!.id])).map((r) => `${r.line}\n`).join('');
    expect(createHash('sha256').update(again).digest('hex')).toBe(v1!.view.contentHash);
  }, 60_000);

  it('builds a complete snapshot only once, and numbers versions without gaps', async () => {
    const latest = await repo.find(projectId, 'latest');
    const rebuilt = await repo.build(latest!.id, () => {
      throw new Error('a complete snapshot is never built again');
    });
    expect(rebuilt.view.contentHash).toBe(latest!.view.contentHash);
    expect((await repo.list(projectId)).map((s) => s.version)).toEqual([4, 3, 2, 1]);
  }, 60_000);

  it('gives active learning its evaluation slice: the test split, which an assignment pass extends to newly labeled items', async () => {
    // The seven items of v1 were dealt train, train, valid, test, …: the fourth in item id order is the test split.
    const before = await repo.assignedTestItems(projectId);
    expect([...before]).toEqual([ids.agreed]);
    const fresh: string[] = [];
    for (const ext of ['n1', 'n2', 'n3', 'n4']) {
      const [{ id }] = await db.sql.many<{ id: string }>(`INSERT INTO items (project_id, external_id, text, gold) VALUES ($1, $2, 'x', '{0}') RETURNING id::text`, [projectId, ext]);
      fresh.push(id);
    }
    // Reading the test split assigns nothing; an assignment pass (the workers' sweep) deals the four new items, once.
    expect(await repo.assignedTestItems(projectId)).toEqual(before);
    expect(await repo.assignPending(projectId, assign, true)).toBe(4);
    expect(await repo.assignPending(projectId, assign, false)).toBe(0);
    const slice = await repo.assignedTestItems(projectId);
    expect(calls).toEqual([7, 4]);
    expect([...slice].sort()).toEqual([ids.agreed, fresh[3]].sort());
    expect(await repo.assignedTestItems(projectId)).toEqual(slice);
  }, 60_000);
});
