// The pool's timeouts on the machine's PostgreSQL: each connection carries its statement and idle-in-transaction
// timeouts, a transaction left idle is ended by the server and its connection is not lost to the pool, and a
// caller waiting for a connection gives up after the connect timeout.
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { openTestDatabase, type TestDatabase } from './test-database.testing';
import { createDataSource } from './data-source';
import { Sql } from './sql';

describe('createDataSource timeouts', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let pool: Pool;

  beforeAll(async () => {
    db = await openTestDatabase(1);
    ds = createDataSource({ url: db.url, poolSize: 2, statementTimeoutMs: 1500, idleInTransactionTimeoutMs: 1000, connectTimeoutMs: 500 });
    await ds.initialize();
    pool = new Sql(ds).pool;
  }, 60_000);

  afterAll(async () => {
    await ds?.destroy();
    await db?.close();
  }, 30_000);

  it('gives every connection the configured statement and idle-in-transaction timeouts', async () => {
    const { rows } = await pool.query(`SELECT current_setting('statement_timeout') AS s, current_setting('idle_in_transaction_session_timeout') AS i`);
    expect(rows[0]).toEqual({ s: '1500ms', i: '1s' });
    await expect(pool.query('SELECT pg_sleep(30)')).rejects.toMatchObject({ code: '57014' });
  }, 30_000);

  it('ends a transaction left idle and keeps the pool whole', async () => {
    const client: PoolClient = await pool.connect();
    const pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    await client.query('BEGIN');
    await client.query(`CREATE TEMP TABLE abandoned (x int) ON COMMIT DROP`);
    // The server ends the session once its transaction has sat idle past the timeout.
    const ended = new Promise<Error>((resolve) => client.once('error', resolve));
    const err = await ended;
    expect(err.message).toMatch(/idle-in-transaction timeout/);
    client.release(err);
    const gone = await pool.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1', [pid]);
    expect(gone.rows[0].n).toBe(0);
    // Both connections can be had again.
    const [a, b] = await Promise.all([pool.connect(), pool.connect()]);
    a.release();
    b.release();
  }, 30_000);

  it('makes a caller waiting for a connection give up after the connect timeout', async () => {
    const held = await Promise.all([pool.connect(), pool.connect()]);
    try {
      await expect(pool.connect()).rejects.toThrow('timeout exceeded when trying to connect');
    } finally {
      held.forEach((c) => c.release());
    }
  }, 30_000);
});
