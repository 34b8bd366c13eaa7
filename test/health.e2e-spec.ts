// /health on a running api + worker: per-dependency state, worker liveness, and a Redis outage staged with a TCP
// proxy between the app and the machine's Redis (other tests keep using Redis meanwhile): /health answers 503
// naming redis while it lasts and 200 after, each kind of Redis client logs the outage once and its end once,
// and the api and the worker still stop cleanly with Redis gone.
import { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import type { HealthResponse } from '@arbiter/contracts';
import { closeSession, newProject, openSession, Session, startStack, startTcpProxy, Stack, TcpProxy, TEST_REDIS_URL } from '@arbiter/testing';

/** The test's own bound on a request that must answer while a dependency is down (not a claim about speed). */
const ANSWER_WITHIN_MS = 15_000;

async function health(baseUrl: string): Promise<{ status: number; body: HealthResponse; text: string }> {
  const r = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
  const text = await r.text();
  return { status: r.status, body: JSON.parse(text), text };
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, logs: () => string, attempts = 300): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`gave up waiting for ${what}:\n${logs().slice(-4000)}`);
}

/** How the process ended: 'clean' after its shutdown hooks ran (Nest re-raises the signal then), else how. */
function exited(p: ChildProcess): Promise<string> {
  const describe = (code: number | null, signal: NodeJS.Signals | null) => (code === 0 || signal === 'SIGTERM' ? 'clean' : `code ${code}, signal ${signal}`);
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve(describe(p.exitCode, p.signalCode));
  return new Promise((res) => p.once('exit', (code, signal) => res(describe(code, signal))));
}

describe('health, metrics and docs on a running api + worker', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  }, 90_000);
  afterAll(() => stack?.stop(), 30_000);

  it('reports the real database, Redis, queue and a live worker as up', async () => {
    const r = await health(stack.baseUrl);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      status: 'ok',
      checks: {
        database: { status: 'up' },
        redis: { status: 'up' },
        queue: { status: 'up' },
        workers: { status: 'up', live: 1, lastSeenAt: expect.any(String) },
      },
      queueBackend: 'redis',
      embeddedDatabase: false,
    });
  }, 30_000);

  it('says when no worker is live, still answering 200, and sees a new worker report in', async () => {
    const [worker] = stack.workers;
    worker.kill('SIGTERM');
    expect(await exited(worker)).toBe('clean');
    // A worker that stops gracefully takes its heartbeat with it.
    const degraded = await health(stack.baseUrl);
    expect(degraded.status).toBe(200);
    expect(degraded.body).toMatchObject({ status: 'degraded', checks: { database: { status: 'up' }, redis: { status: 'up' }, workers: { status: 'down', live: 0 } } });
    expect(degraded.body.checks.workers.lastSeenAt).toEqual(expect.any(String));

    stack.startWorker();
    const back = await until('a worker to report in', async () => {
      const r = await health(stack.baseUrl);
      return r.body.status === 'ok' && r;
    }, stack.logs);
    expect(back.body.checks.workers).toMatchObject({ status: 'up', live: 1 });
  }, 90_000);

  it('ran the migrations into the test database', async () => {
    const c = new Client({ connectionString: stack.databaseUrl });
    await c.connect();
    const { rows } = await c.query(`SELECT to_regclass('public.annotations') AS t`);
    await c.end();
    expect(rows[0].t).toBe('annotations');
  }, 30_000);

  it('exposes Prometheus metrics that count the requests it served', async () => {
    await fetch(`${stack.baseUrl}/health`);
    const text = await (await fetch(`${stack.baseUrl}/metrics`)).text();
    expect(text).toMatch(/arbiter_http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} [1-9]/);
    expect(text).toContain('process_resident_memory_bytes');
  }, 30_000);

  it('publishes the OpenAPI document at /api/docs', async () => {
    const r = await fetch(`${stack.baseUrl}/api/docs/openapi.json`);
    expect(r.status).toBe(200);
    const doc = (await r.json()) as { info: { title: string }; paths: Record<string, unknown> };
    expect(doc.info.title).toBe('Arbiter API');
    expect(Object.keys(doc.paths)).toContain('/health');
    expect((await fetch(`${stack.baseUrl}/api/docs`)).status).toBe(200);
  }, 30_000);

  it('serves the web UI on the same origin', async () => {
    const html = await (await fetch(`${stack.baseUrl}/`)).text();
    expect(html).toContain('<div id="root">');
  }, 30_000);
});

describe('a Redis outage, through a proxy in front of the real Redis', () => {
  let proxy: TcpProxy;
  let s: Session;
  beforeAll(async () => {
    proxy = await startTcpProxy(TEST_REDIS_URL);
    s = await openSession({ via: { redis: proxy }, env: { LOG_LEVEL: 'info' } });
  }, 90_000);
  afterAll(async () => {
    await closeSession(s);
    await proxy?.close();
  }, 60_000);

  const outageLines = (from: number) =>
    s.stack
      .logs()
      .slice(from)
      .split('\n')
      .filter((l) => /connection (lost|restored)/.test(l));

  it('answers 503 naming redis while it is down, 200 once it is back, and logs each client kind down and up once', async () => {
    const p = await newProject(s.owner);
    expect((await health(s.stack.baseUrl)).status).toBe(200);
    const logStart = s.stack.logs().length;

    proxy.cut();
    const down = await health(s.stack.baseUrl);
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ status: 'down', checks: { database: { status: 'up' }, redis: { status: 'down' }, queue: { status: 'down' } } });
    // Up or down, never why: no error text, no address.
    expect(down.text).not.toMatch(/ECONN|refused|closed|timed? ?out|127\.0\.0\.1|localhost|:\d{4,5}\b|error|detail/i);

    // A producer fails fast with a 503 the client may retry, instead of holding the request for the outage.
    const recount = await fetch(`${s.stack.baseUrl}/api/projects/${p.id}/recount`, {
      method: 'POST',
      headers: { cookie: s.owner.sessionCookie! },
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
    });
    expect({ status: recount.status, retryAfter: recount.headers.get('retry-after'), code: ((await recount.json()) as { code: string }).code }).toEqual({
      status: 503,
      retryAfter: expect.stringMatching(/^\d+$/),
      code: 'SERVICE_UNAVAILABLE',
    });

    // The outage lasts while every client retries a good number of times.
    await until('Redis clients to retry through the outage', async () => proxy.refused() >= 120, s.stack.logs);
    proxy.restore();
    await until('/health to answer 200 again', async () => (await health(s.stack.baseUrl)).status === 200, s.stack.logs);

    // Every kind of client that logged the outage logs its end, each exactly once per process.
    const key = (l: string) => `${/"service":"([^"]+)"/.exec(l)?.[1]}/${/"kind":"([^"]+)"/.exec(l)?.[1]}`;
    await until('each client kind to log its reconnection', async () => {
      const lines = outageLines(logStart);
      const lost = lines.filter((l) => l.includes('connection lost')).map(key);
      const restored = lines.filter((l) => l.includes('connection restored')).map(key);
      return lost.length > 0 && lost.every((k) => restored.includes(k));
    }, s.stack.logs);
    const lines = outageLines(logStart);
    const count = (state: string) => {
      const counts: Record<string, number> = {};
      for (const l of lines.filter((x) => x.includes(`connection ${state}`))) counts[key(l)] = (counts[key(l)] ?? 0) + 1;
      return counts;
    };
    const expected = {
      'api/queue': 1,
      'api/queue-events': 1,
      'api/socket.io': 1,
      'api/health': 1,
      'worker/queue': 1,
      'worker/worker': 1,
    };
    expect({ lost: count('lost'), restored: count('restored') }).toEqual({ lost: expected, restored: expected });

    const outage = s.stack.logs().slice(logStart);
    expect(outage).not.toContain("missing 'error' handler");
    expect(outage).not.toContain('Unhandled error event');
    expect(outage).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  }, 180_000);

  it('stops the api and the worker cleanly while Redis is gone', async () => {
    proxy.cut();
    const down = await health(s.stack.baseUrl);
    expect(down.status).toBe(503);
    const procs = [s.stack.api, ...s.stack.workers];
    // Bounded by the test itself only to say which process did not stop, with its log.
    const exits = procs.map((p) => Promise.race([exited(p), new Promise<string>((res) => setTimeout(() => res(`still running (pid ${p.pid})`), 40_000).unref())]));
    for (const p of procs) p.kill('SIGTERM');
    // A crash (an unhandled `Connection is closed`, say) would be exit code 1.
    const outcome = await Promise.all(exits);
    expect({ outcome, log: outcome.every((o) => o === 'clean') ? '' : s.stack.logs().slice(-6000) }).toEqual({ outcome: procs.map(() => 'clean'), log: '' });
    expect(s.stack.logs()).not.toMatch(/Connection is closed|unhandled/i);
  }, 60_000);
});
