// `npm start`: installs what is missing, finds PostgreSQL and Redis (or falls back to the embedded default),
// builds, migrates, and serves the API, the worker and the web UI on one origin, restarting the api or the
// worker when it exits (scripts/supervise.mjs) until Ctrl-C or SIGTERM stops everything.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ensureInstall } from './ensure-install.mjs';

const root = resolve(import.meta.dirname, '..');
process.chdir(root);
Object.assign(process.env, { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' });

ensureInstall();
const { buildServer, buildWeb } = await import('./build.mjs');
const { ensureDatabase, postgresAnswers, redisAnswers } = await import('./services.mjs');

const env = { ...process.env };
const dataDir = resolve(env.DATA_DIR ?? '.arbiter');
mkdirSync(dataDir, { recursive: true });
env.DATA_DIR = dataDir;
const notes = [];
let embedded;

// ARBITER_EMBEDDED=true skips the probes and runs on the embedded default (how the test of this mode runs it).
const forceEmbedded = env.ARBITER_EMBEDDED === 'true';
if (forceEmbedded) {
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  env.QUEUE_BACKEND = 'postgres';
}

// PostgreSQL: DATABASE_URL if set, else the local server, else PGlite in a data folder.
if (env.DATABASE_URL) {
  await ensureDatabase(env.DATABASE_URL).catch(() => undefined);
  if (!(await postgresAnswers(env.DATABASE_URL))) {
    console.error(`DATABASE_URL is set but PostgreSQL does not answer at ${env.DATABASE_URL}`);
    process.exit(1);
  }
} else {
  const local = 'postgres://postgres@127.0.0.1:5432/arbiter';
  let why = 'forced by ARBITER_EMBEDDED=true';
  const reachable =
    !forceEmbedded &&
    (await ensureDatabase(local).then(
      () => true,
      (err) => {
        why = err.code === 'ECONNREFUSED' || err.code === 'ETIMEDOUT' || !err.code
          ? 'no PostgreSQL answers at 127.0.0.1:5432'
          : `PostgreSQL at 127.0.0.1:5432 refused postgres@ without a password (${err.message}); set DATABASE_URL to use it`;
        return false;
      },
    ));
  if (reachable && (await postgresAnswers(local))) {
    env.DATABASE_URL = local;
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const db = await PGlite.create(resolve(dataDir, 'pglite'));
    // BullMQ's PostgreSQL backend keeps its tables in schema `bullmq`; every PGlite connection shares one session.
    await db.exec('SET search_path TO public, bullmq');
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 64 });
    // Its own queue interleaves concurrent connections' statements (see scripts/pglite-queue.mjs).
    const { useBatchQueue } = await import('./pglite-queue.mjs');
    useBatchQueue(server, db);
    await server.start();
    const port = Number(server.getServerConn().split(':').pop());
    embedded = { db, server };
    env.DATABASE_URL = `postgres://postgres@127.0.0.1:${port}/postgres`;
    env.EMBEDDED_DATABASE = 'true';
    env.DATABASE_POOL_SIZE = env.DATABASE_POOL_SIZE ?? '4';
    notes.push(`Using the embedded PGlite database in ${resolve(dataDir, 'pglite')}: ${why}.`);
  }
}

// Redis: REDIS_URL if set, else the local server, else BullMQ's PostgreSQL backend over the same database.
if (env.QUEUE_BACKEND === 'postgres') {
  if (!forceEmbedded) notes.push('QUEUE_BACKEND=postgres: queues run on BullMQ\'s PostgreSQL backend.');
  else notes.push('No Redis used: queues run on BullMQ\'s PostgreSQL backend.');
} else {
  const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (await redisAnswers(redisUrl)) {
    env.REDIS_URL = redisUrl;
    env.QUEUE_BACKEND = 'redis';
  } else if (env.REDIS_URL) {
    console.error(`REDIS_URL is set but Redis does not answer at ${redisUrl}`);
    process.exit(1);
  } else {
    env.QUEUE_BACKEND = 'postgres';
    notes.push('No Redis found: queues run on BullMQ\'s PostgreSQL backend.');
  }
}

if (!process.argv.includes('--no-build')) {
  buildServer();
  buildWeb();
}

// Asynchronous on purpose: with the embedded database, this process serves PGlite to the children.
const node = (script) =>
  new Promise((res) => spawn(process.execPath, [script], { env, stdio: 'inherit' }).on('exit', (code) => res(code)));
if ((await node('dist/server/apps/api/src/migrate.js')) !== 0) process.exit(1);
if ((await node('dist/server/apps/api/src/bootstrap-admin.js')) !== 0) process.exit(1);

// The api and the worker run supervised: one that exits is started again, after a delay that doubles while it
// keeps failing soon after starting, and never takes the other down. Supervision lines are JSON, like the apps'.
const { default: pino } = await import('pino');
const log = pino({ name: 'start', level: env.LOG_LEVEL ?? 'info', base: { service: 'start' }, timestamp: pino.stdTimeFunctions.isoTime });
const { supervise } = await import('./supervise.mjs');
let stopping = false;
const apps = ['api', 'worker'].map((name) =>
  supervise({ name, log, start: () => spawn(process.execPath, [`dist/server/apps/${name}/src/main.js`], { env, stdio: 'inherit' }) }),
);
const stop = async (code) => {
  if (stopping) return;
  stopping = true;
  await Promise.all(apps.map((a) => a.stop()));
  // Last, once nothing uses it any more.
  if (embedded) {
    await embedded.server.stop();
    await embedded.db.close();
  }
  process.exit(code);
};
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

// "Running" once the api answers and a worker has reported in (or, failing the worker, once the api answers).
const url = `http://${env.HOST ?? '127.0.0.1'}:${env.PORT ?? 3000}`;
let health = null;
for (let i = 0; i < 600 && health?.status !== 'ok' && !stopping; i++) {
  try {
    const r = await fetch(`${url}/health`);
    if (r.ok) health = await r.json();
  } catch {
    // not up yet
  }
  if (health?.status !== 'ok') await new Promise((r) => setTimeout(r, 200));
}
if (stopping) await new Promise(() => undefined);
if (!health) {
  console.error(`Arbiter did not become healthy at ${url}/health`);
  await stop(1);
}
const credentials = resolve(dataDir, 'admin-credentials.json');
const lines = ['', '  Arbiter is running', `  open      ${url}`, `  API docs  ${url}/api/docs`];
// The file holds the first admin's password only until it is changed (the api removes it then).
if (existsSync(credentials)) {
  const c = JSON.parse(readFileSync(credentials, 'utf8'));
  if (c.password) lines.push(`  sign in   ${c.email} / ${c.password}   (first admin; change the password once signed in)`);
  else lines.push(`  sign in   ${c.email}   (first admin; its password has been changed)`);
} else {
  lines.push(`  sign in   with an existing account (the database already had users; no first admin was created in ${dataDir})`);
}
if (health.status !== 'ok') lines.push('  warning   no worker has reported in yet: background jobs wait until one does');
for (const n of notes) lines.push(`  note      ${n}`);
console.log(`${lines.join('\n')}\n`);
