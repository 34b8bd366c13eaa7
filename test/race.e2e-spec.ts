// 50 annotators claim and submit concurrently on a 1,000-item project, with overlap 1 and with overlap 3:
// no item is labeled more than k times, no slot is leased to two annotators at once, no acknowledged
// submission is lost, and the maintained counters equal a recount.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Annotation, NextTasksResponse, ProjectStats } from '@arbiter/contracts';
import { addMember, ApiClient, importJsonl, newProject, newUser, signIn } from '@arbiter/testing';
import { startStack, Stack } from '@arbiter/testing';

const ANNOTATORS = 50;
const ITEMS = 1000;

describe('50 concurrent annotators', () => {
  let stack: Stack;
  let owner: ApiClient;
  let users: ApiClient[];
  let db: Client;

  beforeAll(async () => {
    stack = await startStack({ env: { DATABASE_POOL_SIZE: '40' } });
    owner = await signIn(stack.baseUrl, stack.admin);
    users = [];
    for (let i = 0; i < ANNOTATORS; i += 10) {
      users.push(...(await Promise.all(Array.from({ length: 10 }, (_, j) => newUser(owner, `racer${i + j}`)))));
    }
    db = new Client({ connectionString: stack.databaseUrl });
    await db.connect();
  }, 180_000);
  afterAll(async () => {
    await db?.end();
    await stack?.stop();
  }, 30_000);

  async function run(overlap: number) {
    const project = await newProject(owner, { overlap });
    for (const u of users) await addMember(owner, project.id, u, 'annotator');
    const rows = Array.from({ length: ITEMS }, (_, i) => ({ id: `r${i}`, text: `item ${i}` }));
    expect((await importJsonl(owner, project.id, rows, 'format=jsonl&externalIdField=id')).body).toMatchObject({ inserted: ITEMS });

    const acknowledged: Annotation[] = [];
    // Leases never expire during the run, so a slot leased twice would show as an item handed out to more
    // than k distinct annotators.
    const holders = new Map<string, Set<string>>();
    let maxHoldersPerItem = 0;
    let errors = 0;
    await Promise.all(
      users.map(async (u) => {
        for (;;) {
          const r = await u.post<NextTasksResponse>(`/api/projects/${project.id}/tasks/next`, { count: 1 });
          if (r.status !== 200) {
            errors++;
            break;
          }
          const [task] = r.body.tasks;
          if (!task) break;
          const set = holders.get(task.item.id) ?? new Set<string>();
          if (set.has(u.user!.id)) throw new Error(`item ${task.item.id} given twice to ${u.user!.name}`);
          set.add(u.user!.id);
          holders.set(task.item.id, set);
          maxHoldersPerItem = Math.max(maxHoldersPerItem, set.size);
          const label = Number(task.item.text.split(' ')[1]) % 2;
          const s = await u.post<Annotation>(`/api/projects/${project.id}/annotations`, {
            itemId: task.item.id,
            labels: [label],
            idempotencyKey: randomUUID(),
          });
          if (s.status === 201) acknowledged.push(s.body);
          else errors++;
        }
      }),
    );
    return { project, acknowledged, maxHoldersPerItem, errors };
  }

  it.each([1, 3])('overlap %i: every item labeled exactly k times, nothing lost, counters exact', async (k) => {
    const { project, acknowledged, maxHoldersPerItem, errors } = await run(k);
    expect(errors).toBe(0);
    expect(maxHoldersPerItem).toBeLessThanOrEqual(k);
    expect(acknowledged).toHaveLength(ITEMS * k);

    const perItem = await db.query(
      `SELECT i.id, count(a.id)::int AS n, count(DISTINCT a.user_id)::int AS users
         FROM items i LEFT JOIN annotations a ON a.item_id = i.id WHERE i.project_id = $1 GROUP BY i.id`,
      [project.id],
    );
    expect(perItem.rows).toHaveLength(ITEMS);
    expect(perItem.rows.filter((r) => r.n !== k)).toEqual([]);
    expect(perItem.rows.filter((r) => r.users !== r.n)).toEqual([]);

    // Every acknowledged annotation is in the database, with the labels it was acknowledged with.
    const stored = await db.query(`SELECT id::text AS id, labels::int[] AS labels FROM annotations WHERE project_id = $1`, [project.id]);
    const byId = new Map(stored.rows.map((r) => [r.id, r.labels]));
    expect(acknowledged.filter((a) => JSON.stringify(byId.get(a.id)) !== JSON.stringify(a.labels))).toEqual([]);

    const leased = await db.query(`SELECT count(*)::int AS n FROM task_slots WHERE project_id = $1 AND state <> 'done'`, [project.id]);
    expect(leased.rows[0].n).toBe(0);

    const stats = (await owner.get<ProjectStats>(`/api/projects/${project.id}/stats`)).body;
    expect(stats.byStatus).toEqual({ new: 0, in_progress: 0, completed: ITEMS });
    expect(stats.annotations).toBe(ITEMS * k);
    expect(stats.byLabel.map((l) => l.count)).toEqual([(ITEMS / 2) * k, (ITEMS / 2) * k]);
    expect(stats.byAnnotator.reduce((s, a) => s + a.count, 0)).toBe(ITEMS * k);
  }, 300_000);
});
