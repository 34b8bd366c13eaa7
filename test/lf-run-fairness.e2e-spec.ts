// LF chunk jobs of one project cannot starve another's, on both queue backends: a worker that runs one chunk at
// a time is busy with a slow project's ten-chunk run when a fast project saves an LF over a single chunk; the
// fast project's run completes while the slow run still has chunks to go, and so finishes first.
import type { LfListResponse, LfRun } from '@arbiter/contracts';
import { Client } from 'pg';
import { ApiClient, Stack, closeSession, importJsonl, newProject, openSession } from '@arbiter/testing';

// About 25 ms of busy work per item: a 20-item chunk takes about half a second.
const SLOW_LF = {
  kind: 'code',
  source: `(item) => { const until = Date.now() + 25; while (Date.now() < until) {} return item.text.includes('7') ? 1 : ABSTAIN; }`,
};

describe.each<{ backend: string; env: Record<string, string> }>([
  { backend: 'redis', env: {} },
  // An unreachable Redis proves the PostgreSQL backend carries the whole flow.
  { backend: 'postgres', env: { QUEUE_BACKEND: 'postgres', REDIS_URL: 'redis://127.0.0.1:1' } },
])('LF runs share the workers between projects (BullMQ on $backend)', ({ env }) => {
  let stack: Stack;
  let owner: ApiClient;
  let db: Client;
  beforeAll(async () => {
    ({ stack, owner, db } = await openSession({ env: { ...env, LF_CHUNK_SIZE: '20', LF_CONCURRENCY: '1' } }));
  }, 90_000);
  afterAll(() => closeSession({ stack, db }), 30_000);

  const latestRun = async (projectId: string): Promise<LfRun | null> =>
    (await owner.get<LfListResponse>(`/api/projects/${projectId}/lfs`)).body.run;

  async function waitForRun(projectId: string, done: (run: LfRun) => boolean): Promise<LfRun> {
    for (let i = 0; i < 1200; i++) {
      const run = await latestRun(projectId);
      if (run && done(run)) return run;
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error(`the run of ${projectId} never got there:\n${stack.logs().slice(-4000)}`);
  }

  it("finishes a one-chunk run saved during another project's ten-chunk run first", async () => {
    const slow = await newProject(owner);
    await importJsonl(owner, slow.id, Array.from({ length: 200 }, (_, i) => ({ text: `slow item ${i}` })));
    const fast = await newProject(owner);
    await importJsonl(owner, fast.id, Array.from({ length: 10 }, (_, i) => ({ text: i % 2 ? `buy now ${i}` : `hello ${i}` })));

    expect((await owner.post(`/api/projects/${slow.id}/lfs`, { name: 'slow', definition: SLOW_LF })).status).toBe(201);
    // The slow run is under way: its chunks are queued and the worker is on them.
    const started = await waitForRun(slow.id, (r) => r.chunksDone >= 1);
    expect(started).toMatchObject({ status: 'running', chunksTotal: 10 });

    const created = await owner.post(`/api/projects/${fast.id}/lfs`, { name: 'buy', definition: { kind: 'keyword', keywords: ['buy'], label: 1 } });
    expect(created.status).toBe(201);
    const fastRun = await waitForRun(fast.id, (r) => r.status !== 'running');
    const slowMeanwhile = await latestRun(slow.id);
    expect(fastRun).toMatchObject({ status: 'completed', chunksTotal: 1, itemsDone: 10 });
    // The fast chunk went ahead of the slow run's queued chunks, not after them.
    expect(slowMeanwhile?.status).toBe('running');
    expect(slowMeanwhile?.chunksDone).toBeLessThan(10);

    const slowRun = await waitForRun(slow.id, (r) => r.status !== 'running');
    expect(slowRun).toMatchObject({ status: 'completed', chunksDone: 10, itemsDone: 200 });
    expect(new Date(fastRun.finishedAt as string).getTime()).toBeLessThan(new Date(slowRun.finishedAt as string).getTime());
  }, 180_000);
});
