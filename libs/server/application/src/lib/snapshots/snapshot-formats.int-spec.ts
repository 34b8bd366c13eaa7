// A snapshot's rows from the machine's PostgreSQL (COPY through SnapshotRowsRepository) to CSV and Parquet, read back
// with csv-parse and hyparquet: a split's rows after a cursor, every value of every column; and a Parquet download
// dropped half-way gives its connection back.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { parquetReadObjects } from 'hyparquet';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { SnapshotRow } from '@arbiter/contracts';
import { loadTestEnv } from '@arbiter/server/config';
import { createDataSource, runMigrations, SnapshotRowsRepository, Sql } from '@arbiter/server/data-access';
import { toCsv, toParquet } from './snapshot-formats';
import { snapshotRow } from './snapshot-rows.testing';

const ADMIN = loadTestEnv().TEST_ADMIN_DATABASE_URL;

async function asAdmin(statement: string): Promise<void> {
  const c = new Client({ connectionString: ADMIN });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

describe('snapshot rows from PostgreSQL as CSV and Parquet', () => {
  const name = `arbiter_int_${randomBytes(4).toString('hex')}`;
  const url = Object.assign(new URL(ADMIN), { pathname: `/${name}` }).toString();
  let ds: DataSource;
  let sql: Sql;
  let repo: SnapshotRowsRepository;
  let snapshotId: string;
  const rows = Array.from({ length: 300 }, (_, i) => snapshotRow(i));

  beforeAll(async () => {
    await asAdmin(`CREATE DATABASE "${name}"`);
    await runMigrations({ url });
    ds = createDataSource({ url, poolSize: 2 });
    await ds.initialize();
    sql = new Sql(ds);
    repo = new SnapshotRowsRepository(sql, { url });
    const [{ id: projectId }] = await sql.many<{ id: string }>(
      `INSERT INTO projects (name, label_kind, labels) VALUES ('p', 'multi', '[{"name":"pos"},{"name":"neu"}]') RETURNING id`,
    );
    [{ id: snapshotId }] = await sql.many<{ id: string }>(
      `INSERT INTO snapshots (project_id, version, trigger, policy) VALUES ($1, 1, 'manual', '{}') RETURNING id::text AS id`,
      [projectId],
    );
    // One statement: ordinals in item order, split ordinals within each split.
    await sql.many(
      `INSERT INTO snapshot_rows (snapshot_id, ordinal, split, split_ordinal, item_id, label, source, line)
       SELECT $1, r.ord, r.line::json->>'split', row_number() OVER (PARTITION BY r.line::json->>'split' ORDER BY r.ord),
              (r.line::json->>'itemId')::bigint, r.line::json->>'label', r.line::json->>'source', r.line
         FROM unnest($2::text[]) WITH ORDINALITY AS r(line, ord)`,
      [snapshotId, rows.map((r) => JSON.stringify(r))],
    );
  }, 60_000);
  afterAll(async () => {
    await ds?.destroy();
    await asAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }, 30_000);

  it('CSV of a split after a cursor: the rows a resumed download still needs, values intact', async () => {
    const valid = rows.filter((r) => r.split === 'valid');
    const records = parse(await collect(toCsv(await repo.copyLines(snapshotId, 'valid', 10))), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(valid.length - 10);
    records.forEach((c, i) => {
      const r = valid[10 + i];
      expect(c['itemId']).toBe(r.itemId);
      expect(c['text']).toBe(/^[=@]/.test(r.text) ? `'${r.text}` : r.text);
      expect(JSON.parse(c['metadata'])).toEqual(r.metadata);
      expect(c['lfVersionIds']).toBe(r.lfVersionIds ? JSON.stringify(r.lfVersionIds) : '');
      expect(c['split']).toBe('valid');
    });
  }, 60_000);

  it('Parquet of every row after a cursor equals the rows, column by column', async () => {
    const buf = await collect(toParquet(await repo.copyLines(snapshotId, 'all', 7), { batchRows: 64 }));
    const back = await parquetReadObjects({ file: new Uint8Array(buf).buffer });
    const expected: SnapshotRow[] = rows.slice(7);
    expect(back).toHaveLength(expected.length);
    expect(back.map((b) => ({ ...b, metadata: JSON.parse(b['metadata'] as string) }))).toEqual(expected);
  }, 60_000);

  it('a Parquet download dropped half-way gives its connection back', async () => {
    const pool = sql.pool;
    for (let round = 0; round < 4; round++) {
      const out = toParquet(await repo.copyLines(snapshotId, 'all', 0), { batchRows: 16 });
      await new Promise((resolve) => out.once('data', resolve));
      out.destroy();
      for (let i = 0; i < 500 && pool.totalCount - pool.idleCount > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(pool.totalCount - pool.idleCount).toBe(0);
    }
    // Four dropped downloads on a pool of two: a full one still gets a connection.
    expect((await collect(await repo.copyLines(snapshotId, 'all', 0))).toString().split('\n')).toHaveLength(rows.length + 1);
  }, 60_000);
});
