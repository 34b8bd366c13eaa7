// ItemRepository on the machine's PostgreSQL: the COPY path and the embedded database's batched-INSERT path
// store exactly the same rows, including text that COPY must escape; an import takes no connection before its
// first row and then only in turn; a failed upload leaves nothing and gives its connection back; client vectors
// keep one length per project, even when two first imports race; pages stop at their byte budget.
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
    { line: 2, externalId: 'a', text: 'tab\there, back\\slash, \\N, newline\nand CR\r', imageUrl: null, metadata: { k: 'v\t"q"' }, gold: [1], prediction: [0.25, 0.75], embedding: [0.5, -1.25, Math.fround(0.1)] },
    { line: 3, externalId: null, text: 'no id', imageUrl: 'https://example.test/x.png', metadata: {}, gold: null, prediction: null, embedding: null },
    { line: 3, externalId: null, text: 'no id either, same line', imageUrl: null, metadata: { n: 1 }, gold: [0, 1], prediction: null, embedding: null },
    { line: 4, externalId: 'a', text: 'duplicate of a', imageUrl: null, metadata: {}, gold: null, prediction: null, embedding: null },
    { line: 5, externalId: 'é\u{1F600}', text: 'emoji \u{1F600} and U+FEFF\uFEFF', imageUrl: null, metadata: { nested: { deep: [1, null] } }, gold: null, prediction: null, embedding: null },
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
      `SELECT external_id, text, image_url, metadata, gold::int[] AS gold, prediction::float8[] AS prediction,
              embedding::float4[] AS embedding, status,
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
    expect(stored[0].embedding).toEqual([0.5, -1.25, 0.1]);
    expect(stored[1].embedding).toBeNull();
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
    const many: ImportRow[] = Array.from({ length: 2000 }, (_, i) => ({ line: i + 2, externalId: null, text: `t${i}`, imageUrl: null, metadata: {}, gold: null, prediction: null, embedding: null }));
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

  describe('connections', () => {
    const newProject = async (name: string) =>
      (await sql.many<{ id: string }>(`INSERT INTO projects (name, label_kind, labels) VALUES ($1, 'single', '[{"name":"a"},{"name":"b"}]') RETURNING id`, [name]))[0].id;
    const row = (text: string): ImportRow => ({ line: 2, externalId: null, text, imageUrl: null, metadata: {}, gold: null, prediction: null, embedding: null });
    /** Connections of the pool checked out right now. */
    const inUse = () => sql.pool.totalCount - sql.pool.idleCount;
    /** Backends of this database inside a transaction, other than the one asking. */
    const inTransaction = async () =>
      (await sql.many<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND xact_start IS NOT NULL AND pid <> pg_backend_pid()`,
      ))[0].n;
    const gate = () => {
      let open!: () => void;
      const opened = new Promise<void>((r) => (open = r));
      return { open, opened };
    };
    /** Resolves once `check` holds (polled); fails the test when it never does. */
    const until = async (check: () => Promise<boolean> | boolean, what: string) => {
      for (let i = 0; i < 1500; i++) {
        if (await check()) return;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`never: ${what}`);
    };
    const itemCount = async (projectId: string) =>
      (await sql.many<{ n: number }>(`SELECT count(*)::int AS n FROM items WHERE project_id = $1`, [projectId]))[0].n;

    it('takes no connection until the first row arrives', async () => {
      const repo = new ItemRepository(sql, new CounterRepository(sql), { url, importConcurrency: 1 });
      const projectId = await newProject('lazy');
      const first = gate();
      let asked = false;
      const rows = (async function* () {
        asked = true;
        await first.opened;
        yield row('one');
      })();
      const done = repo.importRows(projectId, { overlap: 1, overlapFraction: 1 }, rows, () => true);
      await until(() => asked, 'the import asked for its first row');
      expect(inUse()).toBe(0);
      expect(await inTransaction()).toBe(0);
      first.open();
      expect(await done).toMatchObject({ inserted: 1, committed: true });
      expect(inUse()).toBe(0);
    }, 30_000);

    it('lets one import at a time hold a connection; the next waits without one, or gives up when its signal aborts', async () => {
      const repo = new ItemRepository(sql, new CounterRepository(sql), { url, importConcurrency: 1 });
      const [a, b, c] = [await newProject('a'), await newProject('b'), await newProject('c')];
      const holdA = gate();
      let aMidway = false;
      const rowsA = (async function* () {
        yield row('a1');
        aMidway = true;
        await holdA.opened;
        yield row('a2');
      })();
      let bStarted = false;
      const rowsB = (async function* () {
        bStarted = true;
        yield row('b1');
      })();
      const importA = repo.importRows(a, { overlap: 1, overlapFraction: 1 }, rowsA, () => true);
      await until(() => aMidway, 'import A is mid-upload');
      await until(async () => (await inTransaction()) === 1, 'import A holds its transaction');
      const importB = repo.importRows(b, { overlap: 1, overlapFraction: 1 }, rowsB, () => true);
      const deadline = new AbortController();
      const importC = repo.importRows(c, { overlap: 1, overlapFraction: 1 }, (async function* () { yield row('c1'); })(), () => true, { signal: deadline.signal });
      await until(() => bStarted, 'import B has its first row');
      // B and C have rows but wait for their turn: still only A's connection is in use.
      expect(inUse()).toBe(1);
      expect(await inTransaction()).toBe(1);
      deadline.abort(new Error('upload took too long'));
      await expect(importC).rejects.toThrow('upload took too long');
      holdA.open();
      expect(await importA).toMatchObject({ inserted: 2, committed: true });
      expect(await importB).toMatchObject({ inserted: 1, committed: true });
      expect([await itemCount(a), await itemCount(b), await itemCount(c)]).toEqual([2, 1, 0]);
      expect(inUse()).toBe(0);
    }, 30_000);

    it.each(['copy', 'insert'] as const)('%s: an upload failing mid-stream leaves nothing and gives its connection back', async (mode) => {
      const repo = new ItemRepository(sql, new CounterRepository(sql), { url, bulkInsert: mode });
      const projectId = await newProject(`fail-${mode}`);
      const fail = gate();
      let midway = false;
      const rows = (async function* () {
        for (let i = 0; i < 1500; i++) yield row(`r${i}`);
        midway = true;
        await fail.opened;
        throw new Error('the client went away');
      })();
      const done = repo.importRows(projectId, { overlap: 1, overlapFraction: 1 }, rows, () => true);
      await until(() => midway, 'rows were written');
      expect(await inTransaction()).toBe(1);
      fail.open();
      await expect(done).rejects.toThrow('the client went away');
      expect(await itemCount(projectId)).toBe(0);
      expect(inUse()).toBe(0);
      expect(await inTransaction()).toBe(0);
    }, 30_000);
  });

  describe('client vectors', () => {
    const newProject = async (name: string) =>
      (await sql.many<{ id: string }>(`INSERT INTO projects (name, label_kind, labels) VALUES ($1, 'single', '[{"name":"a"},{"name":"b"}]') RETURNING id`, [name]))[0].id;
    const withVector = (line: number, embedding: number[]): ImportRow => ({
      line, externalId: null, text: `t${line}`, imageUrl: null, metadata: {}, gold: null, prediction: null, embedding,
    });
    const stored = async (projectId: string) => ({
      dim: (await sql.many<{ dim: number | null }>(`SELECT embedding_dim AS dim FROM projects WHERE id = $1`, [projectId]))[0].dim,
      vectors: (await sql.many<{ e: number[] }>(`SELECT embedding::float4[] AS e FROM items WHERE project_id = $1 ORDER BY id`, [projectId])).map((r) => r.e),
    });

    it('the first import with vectors fixes the project\'s length; a later one of another length writes nothing', async () => {
      const repo = new ItemRepository(sql, new CounterRepository(sql), { url });
      const projectId = await newProject('vectors');
      const first = await repo.importRows(projectId, { overlap: 1, overlapFraction: 1 }, stream([withVector(2, [1, 2]), withVector(3, [3, 4])]), () => true, {
        embeddingDim: () => 2,
      });
      expect(first).toMatchObject({ inserted: 2, committed: true });
      const wrong = await repo.importRows(projectId, { overlap: 1, overlapFraction: 1 }, stream([withVector(2, [1, 2, 3])]), () => true, {
        embeddingDim: () => 3,
      });
      expect(wrong).toEqual({ staged: 1, inserted: 0, duplicates: 0, committed: false, embeddingDimConflict: { projectDim: 2 } });
      const same = await repo.importRows(projectId, { overlap: 1, overlapFraction: 1 }, stream([withVector(2, [5, 6])]), () => true, {
        embeddingDim: () => 2,
      });
      expect(same).toMatchObject({ inserted: 1, committed: true });
      expect(await stored(projectId)).toEqual({ dim: 2, vectors: [[1, 2], [3, 4], [5, 6]] });
    }, 30_000);

    it('two first imports of different lengths at once: one commits and fixes the length, the other writes nothing', async () => {
      const repo = new ItemRepository(sql, new CounterRepository(sql), { url });
      const projectId = await newProject('vector race');
      const rowsOf = (dim: number) =>
        (async function* () {
          for (let i = 0; i < 500; i++) yield withVector(i + 2, Array.from({ length: dim }, (_, j) => i + j));
        })();
      const outcomes = await Promise.all(
        [2, 3].map((dim) => repo.importRows(projectId, { overlap: 1, overlapFraction: 1 }, rowsOf(dim), () => true, { embeddingDim: () => dim })),
      );
      const won = outcomes.findIndex((o) => o.committed);
      expect(outcomes.map((o) => o.committed).sort()).toEqual([false, true]);
      const winnerDim = [2, 3][won];
      expect(outcomes[1 - won]).toMatchObject({ inserted: 0, embeddingDimConflict: { projectDim: winnerDim } });
      const { dim, vectors } = await stored(projectId);
      expect(dim).toBe(winnerDim);
      expect(vectors).toHaveLength(500);
      expect(vectors.every((v) => v.length === winnerDim)).toBe(true);
    }, 30_000);
  });

  describe('list', () => {
    let projectId: string;
    beforeAll(async () => {
      const repo = new ItemRepository(sql, new CounterRepository(sql), { url });
      [{ id: projectId }] = await sql.many<{ id: string }>(`INSERT INTO projects (name, label_kind, labels) VALUES ('pages', 'single', '[{"name":"a"},{"name":"b"}]') RETURNING id`);
      // Ten items of about 10 kB each, the sixth one of about 100 kB.
      const rows: ImportRow[] = Array.from({ length: 10 }, (_, i) => ({
        line: i + 2, externalId: `e${i}`, text: (i === 5 ? 'y' : 'x').repeat(i === 5 ? 100_000 : 10_000), imageUrl: null, metadata: { i }, gold: null, prediction: null, embedding: null,
      }));
      await repo.importRows(projectId, { overlap: 1, overlapFraction: 1 }, stream(rows), () => true);
    }, 30_000);

    it('stops a page before its items pass the byte budget, never below one item', async () => {
      const repo = new ItemRepository(sql, new CounterRepository(sql), { url });
      const seen: string[][] = [];
      let after: string | undefined;
      for (let guard = 0; guard < 20; guard++) {
        const page = await repo.list(projectId, after, 100, 35_000);
        seen.push(page.rows.map((r) => r.externalId ?? ''));
        expect(page.rows.length).toBeGreaterThan(0);
        const bytes = Buffer.byteLength(JSON.stringify(page.rows));
        // Within the budget, unless the page is one item larger than it.
        if (page.rows.length > 1) expect(bytes).toBeLessThanOrEqual(35_000);
        if (!page.more) break;
        after = page.rows[page.rows.length - 1].id;
      }
      expect(seen).toEqual([['e0', 'e1', 'e2'], ['e3', 'e4'], ['e5'], ['e6', 'e7', 'e8'], ['e9']]);
    }, 30_000);

    it('fills the page up to the limit when the budget allows', async () => {
      const repo = new ItemRepository(sql, new CounterRepository(sql), { url });
      const page = await repo.list(projectId, undefined, 4, 10_000_000);
      expect(page).toMatchObject({ more: false });
      expect(page.rows.map((r) => r.externalId)).toEqual(['e0', 'e1', 'e2', 'e3']);
    }, 30_000);
  });
});
