// Live means live under load: while annotators keep submitting without a pause, the agreement report is still
// recomputed again and again (a debounce with a maximum wait). The debounce is set far longer than any gap
// between two submissions, so a plain debounce would compute nothing until the submissions stopped.
import { randomUUID } from 'node:crypto';
import type { AgreementResponse, NextTasksResponse } from '@arbiter/contracts';
import { addMember, ApiClient, closeSession, importJsonl, newProject, newUser, openSession, Session } from '@arbiter/testing';

describe('the agreement report under steady submissions', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession({ env: { AGREEMENT_DEBOUNCE_MS: '20000', AGREEMENT_MAX_WAIT_MS: '1000' } });
  }, 90_000);
  afterAll(() => closeSession(s), 30_000);

  it('advances while submissions keep arriving', async () => {
    const p = await newProject(s.owner, { overlap: 2 });
    const rows = Array.from({ length: 500 }, (_, i) => ({ text: `item ${i}` }));
    expect((await importJsonl(s.owner, p.id, rows)).body).toMatchObject({ inserted: 500 });
    const annotators: ApiClient[] = [];
    for (const name of ['Ann', 'Ben', 'Cal', 'Dee']) {
      const a = await newUser(s.owner, name);
      await addMember(s.owner, p.id, a, 'annotator');
      annotators.push(a);
    }

    let submitted = 0;
    let stop = false;
    let ranOut = false;
    const failures: string[] = [];
    const loops = annotators.map(async (client, n) => {
      while (!stop) {
        const next = await client.post<NextTasksResponse>(`/api/projects/${p.id}/tasks/next`, { count: 2 });
        if (next.body.tasks.length === 0) {
          ranOut = true;
          return;
        }
        for (const t of next.body.tasks) {
          const r = await client.post(`/api/projects/${p.id}/annotations`, { itemId: t.item.id, labels: [(Number(t.item.id) + n) % 2], idempotencyKey: randomUUID() });
          if (r.status === 201) submitted++;
          else failures.push(`${r.status} ${JSON.stringify(r.body)}`);
        }
      }
    });

    // Reports seen while the loops are still submitting: each a larger annotation count than the one before.
    const seen: number[] = [];
    while (seen.length < 3 && !ranOut && failures.length === 0) {
      const r = await s.owner.get<AgreementResponse>(`/api/projects/${p.id}/agreement`);
      const n = r.body.report?.annotations;
      if (n !== undefined && n > (seen.at(-1) ?? 0)) seen.push(n);
      await new Promise((res) => setTimeout(res, 200));
    }
    const submittedWhenSeen = submitted;
    stop = true;
    await Promise.all(loops);

    expect(failures).toEqual([]);
    expect({ ranOut, reports: seen.length }).toEqual({ ranOut: false, reports: 3 });
    expect(seen.at(-1)).toBeLessThanOrEqual(submittedWhenSeen);
  }, 180_000);
});
