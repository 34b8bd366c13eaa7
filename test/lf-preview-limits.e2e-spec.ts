// One project's slow LF previews cannot stall another's: a preview past its time budget answers for the items it
// evaluated and says so; a project's previews and code-LF checks beyond its slots are refused at once with 429
// LF_BUSY and a Retry-After; and while project A's two slow previews hold the api's only sandbox thread in turn,
// project B's code-LF preview is answered in full.
import type { LfPreviewResponse } from '@arbiter/contracts';
import { Client } from 'pg';
import { ApiClient, Stack, closeSession, importJsonl, newProject, openSession } from '@arbiter/testing';

const BUDGET_MS = 4000;
// About 10 ms of busy work per item, so 1,000 items would take some 10 s: well past the budget.
const SLOW_LF = {
  kind: 'code',
  source: `(item) => { const until = Date.now() + 10; while (Date.now() < until) {} return 1; }`,
};

describe('LF preview limits', () => {
  let stack: Stack;
  let owner: ApiClient;
  let db: Client;
  let slowProject: string;
  beforeAll(async () => {
    ({ stack, owner, db } = await openSession({ env: { LF_PREVIEW_BUDGET_MS: String(BUDGET_MS), LF_PREVIEW_CONCURRENCY: '2' } }));
    slowProject = (await newProject(owner)).id;
    const rows = Array.from({ length: 1000 }, (_, i) => ({ text: `comment ${i}` }));
    expect((await importJsonl(owner, slowProject, rows)).body).toMatchObject({ inserted: rows.length });
  }, 90_000);
  afterAll(() => closeSession({ stack, db }), 30_000);

  const preview = (projectId: string, definition: unknown, sampleSize?: number) =>
    owner.post<LfPreviewResponse>(`/api/projects/${projectId}/lfs/preview`, { definition, ...(sampleSize ? { sampleSize } : {}) });

  it('answers a slow code LF preview with the items it evaluated within its budget, saying so', async () => {
    const r = await preview(slowProject, SLOW_LF);
    expect(r.status).toBe(200);
    const evaluated = r.body.sampled;
    expect(evaluated).toBeGreaterThan(0);
    expect(evaluated).toBeLessThan(1000);
    // The LF votes 1 on every item, so its votes count exactly the items the figures cover.
    expect(r.body).toMatchObject({
      sampleSize: 1000,
      partial: true,
      partialReason: `the preview's time budget of 4 s ran out after ${evaluated} of 1000 items; the figures cover those ${evaluated} items`,
      votes: [{ label: 1, count: evaluated }],
      coverage: 1,
      error: null,
    });
  }, 60_000);

  it("answers project B's preview in full while project A's slow previews are in flight", async () => {
    const fastProject = (await newProject(owner)).id;
    const rows = Array.from({ length: 50 }, (_, i) => ({ text: i % 5 === 0 ? `see http://x.example/${i}` : `hello ${i}` }));
    await importJsonl(owner, fastProject, rows);

    // A's two slow previews; one that meets a probe in a slot asks again until it gets one.
    const slowPreview = async () => {
      for (;;) {
        const r = await preview(slowProject, SLOW_LF);
        if (r.status !== 429) return r;
      }
    };
    const pending = new Set<string>(['a1', 'a2']);
    const a1 = slowPreview().finally(() => pending.delete('a1'));
    const a2 = slowPreview().finally(() => pending.delete('a2'));
    // A quick probe in A is admitted until A's two previews hold both of its slots; then it is refused.
    let refused: Awaited<ReturnType<typeof preview>> | undefined;
    for (let i = 0; i < 200 && !refused && pending.size === 2; i++) {
      const probe = await preview(slowProject, { kind: 'keyword', keywords: ['comment'], label: 1 }, 1);
      if (probe.status === 429) refused = probe;
      else expect(probe.status).toBe(200);
    }
    if (!refused) {
      const settled = await Promise.all([a1, a2]);
      throw new Error(`no probe was refused; A's previews: ${JSON.stringify(settled.map((r) => [r.status, r.body]))}\n${stack.logs().slice(-3000)}`);
    }
    expect(refused?.body).toMatchObject({ code: 'LF_BUSY', message: 'this project already has 2 labeling-function previews or checks running; try again in 4 s' });
    expect(refused?.headers.get('retry-after')).toBe('4');
    // Saving a code LF needs a sandbox check, which takes a slot too.
    const save = await owner.post<{ code: string }>(`/api/projects/${slowProject}/lfs`, { name: 'while busy', definition: SLOW_LF });
    expect({ status: save.status, code: save.body.code }).toEqual({ status: 429, code: 'LF_BUSY' });

    // B's code LF shares the api's single sandbox thread with A's two previews: it gets its turns.
    const b = await preview(fastProject, { kind: 'code', source: "(item) => item.text.includes('http') ? 1 : ABSTAIN" });
    const stillInFlight = [...pending].sort();
    expect(b.status).toBe(200);
    expect(b.body).toMatchObject({ sampled: 50, sampleSize: 50, partial: false, votes: [{ label: 1, count: 10 }], coverage: 0.2, error: null });
    // The overlap happened: both of A's previews were still running when B's answer arrived.
    expect(stillInFlight).toEqual(['a1', 'a2']);

    const [r1, r2] = await Promise.all([a1, a2]);
    expect([r1.status, r1.body.partial, r2.status, r2.body.partial]).toEqual([200, true, 200, true]);
  }, 90_000);
});
