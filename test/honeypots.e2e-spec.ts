// Gold checks: a share of each annotator's tasks are items with known labels, answered outside the overlap
// slots; owners see each annotator's running accuracy, and one under the project's minimum is paused.
import { randomUUID } from 'node:crypto';
import type { AnnotatorQuality, NextTasksResponse, ProjectStats } from '@arbiter/contracts';
import { addMember, ApiClient, importJsonl, newProject, newUser, signIn, startStack, Stack } from '@arbiter/testing';

describe('gold checks (honeypots)', () => {
  let stack: Stack;
  let owner: ApiClient;
  beforeAll(async () => {
    stack = await startStack();
    owner = await signIn(stack.baseUrl, stack.admin);
  }, 90_000);
  afterAll(() => stack?.stop(), 30_000);

  it('serves checks at the configured share, scores them, pauses the inaccurate and lets an owner resume them', async () => {
    const p = await newProject(owner, { overlap: 2, goldShare: 0.25, minGoldAccuracy: 0.6, minGoldAnswers: 2 });
    const rows = [
      ...Array.from({ length: 8 }, (_, i) => ({ id: `n${i}`, text: `normal ${i}` })),
      ...Array.from({ length: 4 }, (_, i) => ({ id: `g${i}`, text: `gold ${i}`, gold: 'ham' })),
    ];
    expect((await importJsonl(owner, p.id, rows, 'format=jsonl&externalIdField=id&goldField=gold')).body).toMatchObject({ inserted: 12 });
    const good = await newUser(owner, 'Good');
    const bad = await newUser(owner, 'Bad');
    await addMember(owner, p.id, good, 'annotator');
    await addMember(owner, p.id, bad, 'annotator');

    // Label n tasks; a check (g*) is answered 'ham' by the careful annotator, 'spam' by the careless one.
    async function work(u: ApiClient, n: number, checkLabel: number) {
      const seen: string[] = [];
      for (let i = 0; i < n; i++) {
        const r = await u.post<NextTasksResponse>(`/api/projects/${p.id}/tasks/next`, { count: 1 });
        if (r.status !== 200) return { seen, stopped: r };
        const [t] = r.body.tasks;
        seen.push(t.item.externalId!);
        const label = t.item.externalId!.startsWith('g') ? checkLabel : 1;
        const s = await u.post(`/api/projects/${p.id}/annotations`, { itemId: t.item.id, labels: [label], idempotencyKey: randomUUID() });
        expect(s.status).toBe(201);
      }
      return { seen, stopped: null };
    }

    // With a share of 0.25 the 4th and 8th tasks are checks.
    const g = await work(good, 8, 0);
    expect(g.seen.map((x) => x[0])).toEqual(['n', 'n', 'n', 'g', 'n', 'n', 'n', 'g']);
    const b = await work(bad, 9, 1);
    expect(b.seen.map((x) => x[0])).toEqual(['n', 'n', 'n', 'g', 'n', 'n', 'n', 'g']);
    expect(b.stopped!.status).toBe(403);
    expect(b.stopped!.body).toMatchObject({ code: 'ANNOTATOR_PAUSED' });
    expect((b.stopped!.body as unknown as { message: string }).message).toMatch(/paused.*0% \(0 of 2\).*60%/);

    // Checks are not annotations: 6 normal labels each, no gold item completed by a check.
    const stats = await owner.get<ProjectStats>(`/api/projects/${p.id}/stats`);
    expect(stats.body.annotations).toBe(12);

    const quality = await owner.get<AnnotatorQuality[]>(`/api/projects/${p.id}/annotators`);
    const by = Object.fromEntries(quality.body.map((q) => [q.name, q]));
    expect(by.Good).toMatchObject({ annotations: 6, checks: { answered: 2, correct: 2, accuracy: 1 }, paused: false });
    expect(by.Bad).toMatchObject({ annotations: 6, checks: { answered: 2, correct: 0, accuracy: 0 }, paused: true });
    expect((await good.get(`/api/projects/${p.id}/annotators`)).status).toBe(403);

    expect((await owner.post(`/api/projects/${p.id}/annotators/${bad.user!.id}/resume`)).status).toBe(204);
    const again = await bad.post<NextTasksResponse>(`/api/projects/${p.id}/tasks/next`, { count: 1 });
    expect(again.status).toBe(200);
    expect(again.body.tasks).toHaveLength(1);
  }, 60_000);
});
