import { Client } from 'pg';
import { startStack, Stack } from '@arbiter/testing';

describe('health, metrics and docs on a running api + worker', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  }, 90_000);
  afterAll(() => stack?.stop(), 30_000);

  it('reports the real database, Redis and queue as up', async () => {
    const r = await fetch(`${stack.baseUrl}/health`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({
      status: 'ok',
      checks: { database: { status: 'up' }, redis: { status: 'up' }, queue: { status: 'up' } },
      queueBackend: 'redis',
      embeddedDatabase: false,
    });
  });

  it('ran the migrations into the test database', async () => {
    const c = new Client({ connectionString: stack.databaseUrl });
    await c.connect();
    const { rows } = await c.query(`SELECT to_regclass('public.annotations') AS t`);
    await c.end();
    expect(rows[0].t).toBe('annotations');
  });

  it('exposes Prometheus metrics that count the requests it served', async () => {
    await fetch(`${stack.baseUrl}/health`);
    const text = await (await fetch(`${stack.baseUrl}/metrics`)).text();
    expect(text).toMatch(/arbiter_http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} [1-9]/);
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('publishes the OpenAPI document at /api/docs', async () => {
    const r = await fetch(`${stack.baseUrl}/api/docs/openapi.json`);
    expect(r.status).toBe(200);
    const doc = (await r.json()) as { info: { title: string }; paths: Record<string, unknown> };
    expect(doc.info.title).toBe('Arbiter API');
    expect(Object.keys(doc.paths)).toContain('/health');
    expect((await fetch(`${stack.baseUrl}/api/docs`)).status).toBe(200);
  });

  it('serves the web UI on the same origin', async () => {
    const html = await (await fetch(`${stack.baseUrl}/`)).text();
    expect(html).toContain('<div id="root">');
  });
});
