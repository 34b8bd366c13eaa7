// A lost database connection while annotators submit: the api reaches PostgreSQL through a TCP proxy the test
// cuts (the machine's PostgreSQL keeps serving every other test). Requests caught by the cut answer 503 with
// Retry-After and a code, never 500; /health names the database; once it is back, retrying each failed
// submission with its idempotency key succeeds, and the stored annotations are exactly the acknowledged ones,
// none lost and none twice.
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
    for (const name of ['Ada', 'Bea', 'Cy']) {
      const a = await newUser(s.owner, name);
      await addMember(s.owner, p.id, a, 'annotator');
      annotators.push(a);
    }

    const acknowledged = new Map<string, Submission>();
    const toRetry: Submission[] = [];
    const unavailable: Reply[] = [];
    const unexpected: string[] = [];
    let stop = false;
    const record = (r: Reply, what: string) => {
      if (r.status === 503) unavailable.push(r);
      else unexpected.push(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    };

    // Each annotator claims and submits as fast as it can; a 503 is kept for a retry with the same key.
    const loops = annotators.map(async (client) => {
      while (!stop) {
        const next = await client.post<NextTasksResponse>(`/api/projects/${p.id}/tasks/next`, { count: 3 });
        if (next.status !== 200) {
          record(next, 'tasks/next');
          await new Promise((r) => setTimeout(r, 100));
          continue;
        }
        if (next.body.tasks.length === 0) break;
        for (const t of next.body.tasks) {
          const sub: Submission = { client, itemId: t.item.id, key: randomUUID() };
          const r = await client.post(`/api/projects/${p.id}/annotations`, { itemId: sub.itemId, labels: [1], idempotencyKey: sub.key });
          if (r.status === 201) acknowledged.set(sub.key, sub);
          else if (r.status === 503) {
            record(r, 'annotations');
            toRetry.push(sub);
          } else record(r, 'annotations');
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

    await waitFor('some submissions before the cut', () => acknowledged.size >= 15);
    proxy.cut();
    await waitFor('submissions caught by the outage', () => toRetry.length >= 3);
    const health = await fetch(`${s.stack.baseUrl}/health`, { signal: AbortSignal.timeout(15_000) });
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'down', checks: { database: { status: 'down' } } });
    proxy.restore();
    await waitFor('the database to answer again', async () => (await fetch(`${s.stack.baseUrl}/health`)).status === 200);
    stop = true;
    await Promise.all(loops);

    expect(unexpected).toEqual([]);
    for (const r of unavailable) {
      expect({ status: r.status, code: (r.body as { code: string }).code, retryAfter: r.headers.get('retry-after') }).toEqual({
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
        retryAfter: expect.stringMatching(/^\d+$/),
      });
    }

    // The same key again: stored now (201), or it had been stored when the connection dropped (200).
    for (const sub of toRetry) {
      const r = await sub.client.post(`/api/projects/${p.id}/annotations`, { itemId: sub.itemId, labels: [1], idempotencyKey: sub.key });
      expect([200, 201]).toContain(r.status);
      acknowledged.set(sub.key, sub);
    }
    const { rows: stored } = await s.db.query<{ key: string; n: number }>(
      `SELECT idempotency_key AS key, count(*)::int AS n FROM annotations WHERE project_id = $1 GROUP BY idempotency_key`,
      [p.id],
    );
    expect(stored.filter((r) => r.n !== 1)).toEqual([]);
    expect(stored.map((r) => r.key).sort()).toEqual([...acknowledged.keys()].sort());
  }, 180_000);
});
