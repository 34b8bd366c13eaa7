// Starts the built api and worker as real processes against a fresh database and a private queue prefix.
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { childProcessEnv } from '@arbiter/server/config';
import { createDatabase, dropDatabase, TEST_REDIS_URL } from './database';
import type { TcpProxy } from './tcp-proxy';

const ROOT = resolve(__dirname, '../../..');
const API_MAIN = resolve(ROOT, 'dist/server/apps/api/src/main.js');
const WORKER_MAIN = resolve(ROOT, 'dist/server/apps/worker/src/main.js');
const MIGRATE = resolve(ROOT, 'dist/server/apps/api/src/migrate.js');
const BOOTSTRAP = resolve(ROOT, 'dist/server/apps/api/src/bootstrap-admin.js');

export interface Stack {
  baseUrl: string;
  /** The first admin, created by the same bootstrap step `npm start` runs. */
  admin: { email: string; password: string };
  /** The api process id (benchmarks read its peak RSS from /proc). */
  apiPid: number;
  api: ChildProcess;
  databaseUrl: string;
  env: Record<string, string>;
  logs: () => string;
  startWorker: () => ChildProcess;
  workers: ChildProcess[];
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

function runToEnd(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((res, rej) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? res(out) : rej(new Error(`${args.join(' ')} exited ${code}:\n${out}`))));
  });
}

async function waitForHealth(url: string, proc: ChildProcess, logs: () => string, workers: boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`api exited ${proc.exitCode}:\n${logs()}`);
    try {
      const r = await fetch(`${url}/health`);
      // With workers started, wait until one has reported in too, so tests begin on a whole stack.
      if (r.status === 200 && (!workers || ((await r.json()) as { checks: { workers: { status: string } } }).checks.workers.status === 'up')) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`api did not become healthy:\n${logs()}`);
}

function stopProcess(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve();
  return new Promise((res) => {
    const timer = setTimeout(() => p.kill('SIGKILL'), 10_000);
    p.once('exit', () => {
      clearTimeout(timer);
      res();
    });
    p.kill('SIGTERM');
  });
}

export interface StackOptions {
  workers?: number;
  env?: Record<string, string>;
  /** Proxies the api and workers reach PostgreSQL and Redis through (the test's own connections stay direct). */
  via?: { database?: TcpProxy; redis?: TcpProxy };
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const db = await createDatabase('arbiter_e2e');
  const port = await freePort();
  let output = '';
  const env: Record<string, string> = {
    ...childProcessEnv(),
    NODE_ENV: 'test',
    DATABASE_URL: opts.via?.database ? opts.via.database.url(db.url) : db.url,
    REDIS_URL: opts.via?.redis ? opts.via.redis.url(TEST_REDIS_URL) : TEST_REDIS_URL,
    QUEUE_PREFIX: `e2e_${randomBytes(4).toString('hex')}`,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    WEB_DIST: resolve(ROOT, 'dist/web'),
    DATA_DIR: resolve(ROOT, 'dist/.e2e', db.name),
    ...opts.env,
  };
  await runToEnd(process.execPath, [MIGRATE], env);
  await runToEnd(process.execPath, [BOOTSTRAP], env);
  const admin = JSON.parse(readFileSync(resolve(env.DATA_DIR, 'admin-credentials.json'), 'utf8'));
  const spawnNode = (main: string, tag: string) => {
    const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d) => (output += `[${tag}] ${d}`));
    child.stderr?.on('data', (d) => (output += `[${tag}] ${d}`));
    return child;
  };
  const api = spawnNode(API_MAIN, 'api');
  const workers: ChildProcess[] = [];
  const startWorker = () => {
    const w = spawnNode(WORKER_MAIN, `worker${workers.length}`);
    workers.push(w);
    return w;
  };
  for (let i = 0; i < (opts.workers ?? 1); i++) startWorker();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logs = () => output;
  try {
    await waitForHealth(baseUrl, api, logs, (opts.workers ?? 1) > 0);
  } catch (err) {
    await Promise.all([api, ...workers].map(stopProcess));
    await dropDatabase(db.name);
    throw err;
  }
  return {
    baseUrl,
    admin,
    apiPid: api.pid as number,
    api,
    databaseUrl: db.url,
    env,
    logs,
    startWorker,
    workers,
    stop: async () => {
      await Promise.all([api, ...workers].map(stopProcess));
      await dropDatabase(db.name);
      rmSync(env.DATA_DIR, { recursive: true, force: true });
    },
  };
}
