// A lost database connection while annotators submit: the api reaches PostgreSQL through a TCP proxy the test
// cuts (the machine's PostgreSQL keeps serving every other test). Submissions caught by the cut answer 503 with
// Retry-After and a code, never 500; /health names the database; once it is back, the retry with the same
// idempotency key succeeds, and the stored annotations are exactly the submitted ones, none lost, none twice.
import { randomUUID } from 'node:crypto';
import type { NextTasksResponse } from '@arbiter/contracts';
import {
  addMember,
  ADMIN_DATABASE_URL,
  ApiClient,
  closeSession,
  importJsonl,
  newProject,
  newUser,
  openSession,
  Reply,
  Session,
  startTcpProxy,
  TcpProxy,
} from '@arbiter/testing';

interface Submission {
  client: ApiClient;
  itemId: string;
  key: string;
}

describe('a PostgreSQL outage while annotators submit', () => {
  let proxy: TcpProxy;
  let s: Session;
  beforeAll(async () => {
    proxy = await startTcpProxy(ADMIN_DATABASE_URL);
    s = await openSession({ via: { database: proxy } });
  }, 90_000);
  afterAll(async () => {
    proxy?.restore();
    await closeSession(s);
    await proxy?.close();
  }, 60_000);

  it('answers 503 with Retry-After while it lasts, and the same keys succeed afterwards with nothing lost or doubled', async () => {
    const p = await newProject(s.owner, { overlap: 1 });
    const rows = Array.from({ length: 400 }, (_, i) => ({ text: `item ${i}` }));
    expect((await importJsonl(s.owner, p.id, rows)).body).toMatchObject({ inserted: 400 });
    const annotators: ApiClient[] = [];
    for (const name of ['Ada', 'Bea', 'Cy', 'Dov', 'Eve', 'Fay']) {
      const a = await newUser(s.owner, name);
      await addMember(s.owner, p.id, a, 'annotator');
      annotators.push(a);
    }

    // Each annotator holds a batch of leases, then submits them one by one as fast as it can. A 503 is retried
    // with the same idempotency key after a short wait, as a client told Retry-After would.
    const acknowledged = new Map<string, Submission>();
    const caught = new Set<string>();
    const unavailable: Reply[] = [];
    const unexpected: string[] = [];
    const batches: Submission[][] = [];
    for (const client of annotators) {
      const next = await client.post<NextTasksResponse>(`/api/projects/${p.id}/tasks/next`, { count: 5 });
      expect(next.body.tasks).toHaveLength(5);
      batches.push(next.body.tasks.map((t) => ({ client, itemId: t.item.id, key: randomUUID() })));
    }
    const loops = batches.map(async (batch) => {
      for (const sub of batch) {
        for (;;) {
          const r = await sub.client.post(`/api/projects/${p.id}/annotations`, { itemId: sub.itemId, labels: [1], idempotencyKey: sub.key });
          if (r.status === 201 || (r.status === 200 && caught.has(sub.key))) {
            acknowledged.set(sub.key, sub);
            break;
          }
          if (r.status !== 503) {
            unexpected.push(`${r.status} ${JSON.stringify(r.body)}`);
            break;
          }
          unavailable.push(r);
          caught.add(sub.key);
          await new Promise((res) => setTimeout(res, 100));
        }
      }
    });

    const waitFor = async (what: string, ok: () => boolean | Promise<boolean>) => {
      for (let i = 0; i < 600; i++) {
        if (await ok()) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`gave up waiting for ${what}: ${unexpected.join('\n')}\n${s.stack.logs().slice(-3000)}`);
    };

    await waitFor('some submissions before the cut', () => acknowledged.size >= 5 || unexpected.length > 0);
    proxy.cut();
    await waitFor('submissions caught by the outage', () => caught.size >= 3 || unexpected.length > 0);
    const health = await fetch(`${s.stack.baseUrl}/health`, { signal: AbortSignal.timeout(15_000) });
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'down', checks: { database: { status: 'down' } } });
    proxy.restore();
    await Promise.all(loops);

    expect(unexpected).toEqual([]);
    expect(caught.size).toBeGreaterThanOrEqual(3);
    for (const r of unavailable) {
      expect({ status: r.status, code: (r.body as { code: string }).code, retryAfter: r.headers.get('retry-after') }).toEqual({
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
        retryAfter: expect.stringMatching(/^\d+$/),
      });
    }
    // Every submission was acknowledged in the end (201, or 200 if the write had landed when the connection
    // dropped), and the database holds each exactly once.
    expect(acknowledged.size).toBe(30);
    const { rows: stored } = await s.db.query<{ key: string; n: number }>(
      `SELECT idempotency_key AS key, count(*)::int AS n FROM annotations WHERE project_id = $1 GROUP BY idempotency_key`,
      [p.id],
    );
    expect(stored.filter((r) => r.n !== 1)).toEqual([]);
    expect(stored.map((r) => r.key).sort()).toEqual([...acknowledged.keys()].sort());
  }, 180_000);
});
