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
