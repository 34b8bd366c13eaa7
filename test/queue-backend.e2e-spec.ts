// When Redis is absent, BullMQ runs on its PostgreSQL backend over the real database: jobs still run on the
// worker, and /health reports it.
import { randomUUID } from 'node:crypto';
import type { LfListResponse, NextTasksResponse, ProjectStats } from '@arbiter/contracts';
import { importJsonl, newProject, signIn, startStack, Stack, waitForJob } from '@arbiter/testing';

describe('BullMQ on the PostgreSQL backend (real PostgreSQL, no Redis)', () => {
  let stack: Stack;
  beforeAll(async () => {
    // An unreachable Redis proves nothing depends on it in this mode.
    stack = await startStack({ env: { QUEUE_BACKEND: 'postgres', REDIS_URL: 'redis://127.0.0.1:1' } });
  }, 90_000);
  afterAll(() => stack?.stop(), 30_000);

  it('reports the backend and runs a worker job', async () => {
    const health = await (await fetch(`${stack.baseUrl}/health`)).json();
    expect(health).toMatchObject({ status: 'ok', queueBackend: 'postgres', checks: { database: { status: 'up' }, queue: { status: 'up' } } });

    const owner = await signIn(stack.baseUrl, stack.admin);
    const p = await newProject(owner);
    await importJsonl(owner, p.id, [{ text: 'a' }, { text: 'b' }]);
    const [t] = (await owner.post<NextTasksResponse>(`/api/projects/${p.id}/tasks/next`, { count: 1 })).body.tasks;
    await owner.post(`/api/projects/${p.id}/annotations`, { itemId: t.item.id, labels: [0], idempotencyKey: randomUUID() });
    const job = await owner.post<{ jobId: string }>(`/api/projects/${p.id}/recount`);
    expect(job.status).toBe(202);
    expect(await waitForJob(owner, p.id, job.body.jobId)).toBe('completed');
    const stats = await owner.get<ProjectStats>(`/api/projects/${p.id}/stats`);
    expect(stats.body.byStatus).toEqual({ new: 1, in_progress: 0, completed: 1 });
  }, 90_000);

  it('runs a labeling-function flow (chunk jobs and their parent) on the same backend', async () => {
    const owner = await signIn(stack.baseUrl, stack.admin);
    const p = await newProject(owner);
    const rows = Array.from({ length: 50 }, (_, i) => ({ text: i % 2 ? `visit http://x.example/${i}` : `hello ${i}` }));
    await importJsonl(owner, p.id, rows);
    const created = await owner.post(`/api/projects/${p.id}/lfs`, { name: 'link', definition: { kind: 'regex', pattern: 'http://', label: 1 } });
    expect(created.status).toBe(201);
    let list: LfListResponse | undefined;
    for (let i = 0; i < 300 && !list?.labelModel; i++) {
      list = (await owner.get<LfListResponse>(`/api/projects/${p.id}/lfs`)).body;
      if (!list.labelModel) await new Promise((res) => setTimeout(res, 200));
    }
    expect(list?.run).toMatchObject({ status: 'completed', itemsDone: 50 });
    expect(list?.lfs[0].stats).toMatchObject({ coverage: 0.5, labeled: 25 });
  }, 90_000);
});
