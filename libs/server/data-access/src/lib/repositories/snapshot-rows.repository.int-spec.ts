// A snapshot's rows streamed out of COPY on the machine's PostgreSQL: the bytes are the stored lines exactly (JSON
// with quotes, backslashes, escaped control characters, unicode), a cursor resumes where a download broke, a split
// streams alone, and a download dropped half-way gives its connection back; a stored file (the Parquet written after
// a build) comes back byte for byte, and one whose bytes failed half-way leaves nothing.
import { Readable } from 'node:stream';
import { openTestDatabase, type TestDatabase } from '../test-database.testing';
import { SnapshotRowsRepository, type SnapshotRowsSplit } from './snapshot-rows.repository';

const SPLITS = ['train', 'valid', 'test'] as const;
const TRICKY = ['plain', 'say "hi" \\ back\\slash', 'line\nbreak\r\n\ttab', 'é ü 中文 😀 \u2028 \u0001\u0002\u007f', '=1+1', 'a,b;c|d'];

async function bytes(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}


async function waitFor(check: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition not reached within 10 s');
}

describe('SnapshotRowsRepository', () => {
  let db: TestDatabase;
  let repo: SnapshotRowsRepository;
  let snapshotId: string;
  const rows: { line: string; split: (typeof SPLITS)[number] }[] = [];

  beforeAll(async () => {
    db = await openTestDatabase(3);
    repo = new SnapshotRowsRepository(db.sql, { url: db.url });
    const [{ id: projectId }] = await db.sql.many<{ id: string }>(
      `INSERT INTO projects (name, label_kind, labels) VALUES ('p', 'single', '[{"name":"a"},{"name":"b"}]') RETURNING id`,
    );
    [{ id: snapshotId }] = await db.sql.many<{ id: string }>(
      `INSERT INTO snapshots (project_id, version, trigger, policy) VALUES ($1, 1, 'manual', '{}') RETURNING id::text AS id`,
      [projectId],
    );
    // A second snapshot's rows must never leak into the first's.
    const [{ id: other }] = await db.sql.many<{ id: string }>(
      `INSERT INTO snapshots (project_id, version, trigger, policy) VALUES ($1, 2, 'manual', '{}') RETURNING id::text AS id`,
      [projectId],
    );
    const splitOrdinal = { train: 0, valid: 0, test: 0 };
    for (let i = 0; i < 60; i++) {
      const split = SPLITS[i % 7 < 5 ? 0 : i % 7 === 5 ? 1 : 2];
      const line = JSON.stringify({ itemId: String(100 + i), text: `${TRICKY[i % TRICKY.length]} #${i}`, metadata: { k: TRICKY[(i + 1) % TRICKY.length] }, split });
      rows.push({ line, split });
      await db.sql.many(
        `INSERT INTO snapshot_rows (snapshot_id, ordinal, split, split_ordinal, item_id, label, source, line) VALUES ($1, $2, $3, $4, $5, 'a', 'gold', $6),
           ($7, $2, $3, $4, $5, 'a', 'gold', 'other')`,
        [snapshotId, i + 1, split, ++splitOrdinal[split], 100 + i, line, other],
      );
    }
  }, 60_000);
  afterAll(() => db?.close(), 30_000);

  const expected = (split: SnapshotRowsSplit, skip = 0) =>
    rows
      .filter((r) => split === 'all' || r.split === split)
      .slice(skip)
      .map((r) => r.line + '\n')
      .join('');

  it('streams every stored line untouched, one per row, in ordinal order', async () => {
    const out = await bytes(await repo.copyLines(snapshotId, 'all', 0));
    expect(out).toBe(expected('all'));
    expect(out.split('\n')).toHaveLength(61);
    expect(JSON.parse(out.split('\n')[3]).text).toBe(`${TRICKY[3]} #3`);
  }, 60_000);

  it('resumes after a cursor: two pulls joined equal one', async () => {
    const head = (await bytes(await repo.copyLines(snapshotId, 'all', 0))).split('\n').slice(0, 17).join('\n') + '\n';
    const tail = await bytes(await repo.copyLines(snapshotId, 'all', 17));
    expect(tail).toBe(expected('all', 17));
    expect(head + tail).toBe(expected('all'));
    expect(await bytes(await repo.copyLines(snapshotId, 'all', 60))).toBe('');
  }, 60_000);

  it('streams one split in its own order, resumable by its own count', async () => {
    for (const split of SPLITS) {
      const all = await bytes(await repo.copyLines(snapshotId, split, 0));
      expect(all).toBe(expected(split));
      expect(all.length).toBeGreaterThan(0);
      expect(await bytes(await repo.copyLines(snapshotId, split, 2))).toBe(expected(split, 2));
    }
  }, 60_000);

  it('gives the connection back when a download is dropped half-way, and the pool still serves', async () => {
    // Enough rows that COPY is still sending when the reader goes.
    await db.sql.many(
      `INSERT INTO snapshot_rows (snapshot_id, ordinal, split, split_ordinal, item_id, label, source, line)
       SELECT $1, 60 + g, 'train', $2 + g, 1000 + g, 'a', 'gold', repeat('x', 500) FROM generate_series(1, 20000) g`,
      [snapshotId, rows.filter((r) => r.split === 'train').length],
    );
    const pool = db.sql.pool;
    for (let round = 0; round < 5; round++) {
      const stream = await repo.copyLines(snapshotId, 'all', 0);
      expect(pool.totalCount - pool.idleCount).toBe(1);
      await new Promise<void>((resolve) => stream.once('data', () => resolve()));
      stream.destroy();
      await new Promise((resolve) => stream.once('close', resolve));
      await waitFor(() => pool.totalCount - pool.idleCount === 0);
    }
    // More dropped downloads than the pool has connections: none leaked, and a full one still completes.
    const out = await bytes(await repo.copyLines(snapshotId, 'all', 0));
    expect(out.startsWith(expected('all'))).toBe(true);
    expect(out.split('\n')).toHaveLength(20_061);
    await waitFor(() => pool.totalCount - pool.idleCount === 0);
    // The server side ended too: no backend of this database is still running the COPY.
    await waitFor(async () => (await db.sql.many(`SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'COPY%'`, [db.name])).length === 0);
  }, 60_000);

  it('rejects an id or a cursor it cannot inline into COPY', async () => {
    await expect(repo.copyLines('1; DROP TABLE snapshot_rows', 'all', 0)).rejects.toThrow(/bad snapshot id/);
    await expect(repo.copyLines(snapshotId, 'all', -1)).rejects.toThrow(/bad cursor/);
  }, 60_000);

  it('streams the same bytes from keyset pages where COPY is unavailable (the embedded database)', async () => {
    const paged = new SnapshotRowsRepository(db.sql, { url: db.url, bulkInsert: 'insert' });
    const copied = await bytes(await repo.copyLines(snapshotId, 'all', 5));
    expect(await bytes(await paged.copyLines(snapshotId, 'all', 5))).toBe(copied);
    expect(await bytes(await paged.copyLines(snapshotId, 'valid', 1))).toBe(expected('valid', 1));
  }, 60_000);

  // Stored files (the Parquet written after a build): kept whole, or not at all.

  // Bytes that are not text, arriving in 64 KiB chunks: six pieces of 1 MiB (the last shorter), read back one per query.
  const file = Buffer.from(Array.from({ length: 5 * (1 << 20) + 12_345 }, (_, i) => (i * 7919) % 251));
  const chunks = () => Readable.from(Array.from({ length: Math.ceil(file.length / 65_536) }, (_, i) => file.subarray(i * 65_536, (i + 1) * 65_536)));

  it('keeps a file whole and gives the same bytes back', async () => {
    expect(await repo.storedFile(snapshotId, 'train', 'parquet')).toBeNull();
    expect(await repo.storeFile(snapshotId, 'train', 'parquet', chunks())).toEqual({ pieces: 6, size: file.length });
    const stored = await repo.storedFile(snapshotId, 'train', 'parquet');
    expect(stored?.size).toBe(file.length);
    const back: Buffer[] = [];
    for await (const c of stored!.stream) back.push(c as Buffer);
    expect(Buffer.concat(back).equals(file)).toBe(true);
  }, 60_000);

  it('leaves nothing of a file whose bytes failed half-way, and keeps the one stored before', async () => {
    const failing = Readable.from(
      (async function* () {
        yield file.subarray(0, 1_200_000);
        throw new Error('the conversion failed');
      })(),
    );
    await expect(repo.storeFile(snapshotId, 'train', 'parquet', failing)).rejects.toThrow('the conversion failed');
    await expect(repo.storeFile(snapshotId, 'test', 'parquet', Readable.from((async function* () {
      yield file.subarray(0, 1_200_000);
      throw new Error('again');
    })()))).rejects.toThrow('again');
    expect(await repo.storedFile(snapshotId, 'test', 'parquet')).toBeNull();
    expect((await db.sql.many(`SELECT 1 FROM snapshot_files WHERE split = 'test'`)).length).toBe(0);
    expect((await repo.storedFile(snapshotId, 'train', 'parquet'))?.size).toBe(file.length);
  }, 60_000);
});
