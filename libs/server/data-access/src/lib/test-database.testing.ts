// Test-only: a fresh, migrated database on the machine's PostgreSQL for one integration spec file, with the
// pool and Sql the repositories take; `close()` drops it. (libs/testing has the same for end-to-end tests,
// but data access may not depend on it.)
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadTestEnv } from '@arbiter/server/config';
import { createDataSource, runMigrations } from './data-source';
import { Sql } from './sql';

const ADMIN = loadTestEnv().TEST_ADMIN_DATABASE_URL;

async function asAdmin(statement: string): Promise<void> {
  const admin = new Client({ connectionString: ADMIN });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  sql: Sql;
  close(): Promise<void>;
}

export async function openTestDatabase(poolSize = 4): Promise<TestDatabase> {
  const name = `arbiter_int_${randomBytes(4).toString('hex')}`;
  const url = Object.assign(new URL(ADMIN), { pathname: `/${name}` }).toString();
  await asAdmin(`CREATE DATABASE "${name}"`);
  await runMigrations({ url });
  const ds: DataSource = createDataSource({ url, poolSize });
  await ds.initialize();
  return {
    name,
    url,
    sql: new Sql(ds),
    close: async () => {
      await ds.destroy();
      await asAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

export interface BlockedBackend {
  pid: number;
  waitEvent: string;
  query: string;
}

/**
 * Waits until `count` backends of the test database are blocked by `holderPid`'s locks (directly; `null`: waiting on
 * any lock, queued behind another waiter included), and returns them: the proof that an interleaving a test stages
 * really happened. Read through the pool, never from inside the holder's transaction (there pg_stat_activity stays
 * one cached snapshot). Throws if `settled` resolves first (the code under test finished without ever waiting) or
 * after about ten seconds.
 */
export async function waitForBlocked(db: TestDatabase, holderPid: number | null, count = 1, settled?: Promise<unknown>): Promise<BlockedBackend[]> {
  let done = false;
  void settled?.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 500; i++) {
    const rows = await db.sql.many<BlockedBackend>(
      `SELECT pid, wait_event AS "waitEvent", query FROM pg_stat_activity
        WHERE datname = $1 AND ($2::int IS NULL AND wait_event_type = 'Lock' OR $2 = ANY(pg_blocking_pids(pid)))`,
      [db.name, holderPid],
    );
    if (rows.length >= count) return rows;
    if (done) throw new Error(`finished with ${rows.length} of ${count} backends ever blocked: the interleaving did not happen`);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`fewer than ${count} backends were blocked within 10 s: the interleaving did not happen`);
}
