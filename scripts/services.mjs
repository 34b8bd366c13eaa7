// Finds PostgreSQL and Redis the way `npm start` and `npm test` need them.
import { createConnection } from 'node:net';

/** Resolves true when something answers Redis PING at the URL. */
export function redisAnswers(url, timeoutMs = 1500) {
  const u = new URL(url);
  return new Promise((res) => {
    const sock = createConnection({ host: u.hostname, port: Number(u.port || 6379) });
    const done = (ok) => {
      sock.destroy();
      res(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.on('error', () => done(false));
    sock.on('connect', () => {
      if (u.password) sock.write(`AUTH ${decodeURIComponent(u.password)}\r\n`);
      sock.write('PING\r\n');
    });
    sock.on('data', (d) => {
      if (d.toString().includes('PONG')) done(true);
      else if (d.toString().startsWith('-')) done(false);
    });
  });
}

/** Resolves true when PostgreSQL accepts a connection at the URL. */
export async function postgresAnswers(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the database named in the URL when it is missing (connecting to `postgres` to do so). */
export async function ensureDatabase(url) {
  const { default: pg } = await import('pg');
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}
