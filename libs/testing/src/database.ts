// A fresh, migrated database per test file on the machine's real PostgreSQL; dropped afterwards.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { loadTestEnv } from '@arbiter/server/config';

export const ADMIN_DATABASE_URL = loadTestEnv().TEST_ADMIN_DATABASE_URL;
export const TEST_REDIS_URL = loadTestEnv().TEST_REDIS_URL;

export function databaseUrl(name: string): string {
  const u = new URL(ADMIN_DATABASE_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function createDatabase(prefix: string): Promise<{ name: string; url: string }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return { name, url: databaseUrl(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
