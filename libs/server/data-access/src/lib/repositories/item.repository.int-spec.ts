// ItemRepository on the machine's PostgreSQL: the COPY path and the embedded database's batched-INSERT path
// store exactly the same rows, including text that COPY must escape.
import { openTestDatabase, type TestDatabase } from '../test-database.testing';
import { Sql } from '../sql';
import { CounterRepository } from './counter.repository';
import { ImportRow, ItemRepository } from './item.repository';

describe('ItemRepository.importRows', () => {
  let db: TestDatabase;
  let url: string;
  let sql: Sql;

  beforeAll(async () => {
    db = await openTestDatabase();
    ({ url, sql } = db);
  }, 60_000);

  afterAll(() => db?.close(), 30_000);

  const rows: ImportRow[] = [
    { line: 2, externalId: 'a', text: 'tab\there, back\\slash, \\N, newline\nand CR\r', imageUrl: null, metadata: { k: 'v\t"q"' }, gold: [1], prediction: [0.25, 0.75] },
    { line: 3, externalId: null, text: 'no id', imageUrl: 'https://example.test/x.png', metadata: {}, gold: null, prediction: null },
    { line: 3, externalId: null, text: 'no id either, same line', imageUrl: null, metadata: { n: 1 }, gold: [0, 1], prediction: null },
    { line: 4, externalId: 'a', text: 'duplicate of a', imageUrl: null, metadata: {}, gold: null, prediction: null },
    { line: 5, externalId: 'é\u{1F600}', text: 'emoji \u{1F600} and U+FEFF\uFEFF', imageUrl: null, metadata: { nested: { deep: [1, null] } }, gold: null, prediction: null },
  ];

  async function* stream(xs: ImportRow[]) {
    yield* xs;
  }

  async function importWith(mode: 'copy' | 'insert') {
    const counters = new CounterRepository(sql);
    const repo = new ItemRepository(sql, counters, { url, bulkInsert: mode });
    const [project] = await sql.many<{ id: string }>(
      `INSERT INTO projects (name, label_kind, labels, overlap) VALUES ($1, 'multi', '[{"name":"a"},{"name":"b"}]', 2) RETURNING id`,
      [mode],
    );
    const outcome = await repo.importRows(project.id, { overlap: 2, overlapFraction: 1 }, stream(rows), () => true);
    const stored = await sql.many(
      `SELECT external_id, text, image_url, metadata, gold::int[] AS gold, prediction::float8[] AS prediction, status,
              (SELECT count(*)::int FROM task_slots s WHERE s.item_id = i.id) AS slots
         FROM items i WHERE project_id = $1 ORDER BY id`,
      [project.id],
    );
    const counts = await counters.read(project.id);
    return { outcome, stored, counts };
  }

  it('COPY stores every field as given, skips duplicates, creates k slots and counts new items', async () => {
    const { outcome, stored, counts } = await importWith('copy');
    expect(outcome).toEqual({ staged: 5, inserted: 4, duplicates: 1, committed: true });
    expect(stored.map((r) => r.text)).toEqual([rows[0].text, rows[1].text, rows[2].text, rows[4].text]);
    expect(stored[0]).toMatchObject({ external_id: 'a', metadata: { k: 'v\t"q"' }, gold: [1], prediction: [0.25, 0.75], status: 'new', slots: 2 });
    expect(stored[3]).toMatchObject({ external_id: 'é\u{1F600}', metadata: { nested: { deep: [1, null] } } });
    expect(counts).toEqual([{ dimension: 'status', key: 'new', value: 4 }]);
  }, 30_000);

  it('the batched-INSERT path gives the same result', async () => {
    const copy = await importWith('copy');
    const insert = await importWith('insert');
    expect(insert).toEqual(copy);
  }, 30_000);

  it('rolls everything back when the caller declines to commit', async () => {
    const repo = new ItemRepository(sql, new CounterRepository(sql), { url });
    const [project] = await sql.many<{ id: string }>(
      `INSERT INTO projects (name, label_kind, labels) VALUES ('r', 'single', '[{"name":"a"},{"name":"b"}]') RETURNING id`,
    );
    const outcome = await repo.importRows(project.id, { overlap: 1, overlapFraction: 1 }, stream(rows), () => false);
    expect(outcome.committed).toBe(false);
    const [n] = await sql.many<{ n: number }>(`SELECT count(*)::int AS n FROM items WHERE project_id = $1`, [project.id]);
    expect(n.n).toBe(0);
  }, 30_000);

  it('gives k slots to about the configured fraction of items, one to the rest', async () => {
    const repo = new ItemRepository(sql, new CounterRepository(sql), { url });
    const many: ImportRow[] = Array.from({ length: 2000 }, (_, i) => ({ line: i + 2, externalId: null, text: `t${i}`, imageUrl: null, metadata: {}, gold: null, prediction: null }));
    const [project] = await sql.many<{ id: string }>(
      `INSERT INTO projects (name, label_kind, labels, overlap) VALUES ('f', 'single', '[{"name":"a"},{"name":"b"}]', 3) RETURNING id`,
    );
    await repo.importRows(project.id, { overlap: 3, overlapFraction: 0.1 }, stream(many), () => true);
    const slots = await sql.many<{ k: number; n: number }>(
      `SELECT k, count(*)::int AS n FROM (SELECT item_id, count(*)::int AS k FROM task_slots WHERE project_id = $1 GROUP BY item_id) s
        GROUP BY k ORDER BY k`,
      [project.id],
    );
    expect(slots.map((r) => r.k)).toEqual([1, 3]);
    const share = slots[1].n / 2000;
    // Binomial(2000, 0.1): mean 200, sd 13.4; five sd either side.
    expect(share).toBeGreaterThan(0.1 - 5 * 0.0067);
    expect(share).toBeLessThan(0.1 + 5 * 0.0067);
  }, 30_000);
});
