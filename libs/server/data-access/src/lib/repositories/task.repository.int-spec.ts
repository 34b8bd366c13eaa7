// TaskRepository.submit with one idempotency key on two items at once, on the machine's PostgreSQL. Without
// serialisation both would pass the "key seen before?" read and the second insert would hit the unique key: a 500.
// A submission takes a transaction-scoped advisory lock on (annotator, key) first; the test holds that lock as a
// first submission in flight would, checks the second really waits on it, stores the first and commits.
import { Client } from 'pg';
import { openTestDatabase, waitForBlocked, type TestDatabase } from '../test-database.testing';
import { CounterRepository } from './counter.repository';
import { HoneypotRepository } from './honeypot.repository';
import { submissionLockKey, TaskRepository } from './task.repository';

describe('TaskRepository.submit with a reused key', () => {
  let db: TestDatabase;
  let first: Client;
  let firstPid: number;

  beforeAll(async () => {
    db = await openTestDatabase();
    first = new Client({ connectionString: db.url });
    await first.connect();
    firstPid = (await first.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  }, 60_000);

  afterAll(async () => {
    await first?.end();
    await db?.close();
  }, 30_000);

  it('waits for the submission holding the key, then answers key-reused instead of failing', async () => {
    const { sql } = db;
    const [{ id: projectId }] = await sql.many<{ id: string }>(
      `INSERT INTO projects (name, label_kind, labels) VALUES ('p', 'single', '[{"name":"a"},{"name":"b"}]') RETURNING id`,
    );
    const [{ id: userId }] = await sql.many<{ id: string }>(`INSERT INTO users (email, name, password_hash) VALUES ('a@x', 'A', 'h') RETURNING id`);
    const items = await sql.many<{ id: string }>(`INSERT INTO items (project_id, text) VALUES ($1, 'x'), ($1, 'y') RETURNING id::text`, [projectId]);
    for (const it of items) {
      await sql.many(`INSERT INTO task_slots (item_id, slot, project_id, state, user_id, leased_at, lease_expires_at)
                      VALUES ($1, 0, $2, 'leased', $3, now(), now() + interval '1 hour')`, [it.id, projectId, userId]);
      await sql.many(`INSERT INTO item_servings (item_id, user_id, project_id) VALUES ($1, $2, $3)`, [it.id, userId, projectId]);
    }
    const repo = new TaskRepository(sql, new CounterRepository(sql), new HoneypotRepository(sql));

    await first.query('BEGIN');
    await first.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [submissionLockKey(userId, 'same-key')]);
    const second = repo.submit(projectId, userId, items[1].id, [1], 'same-key');
    const blocked = await waitForBlocked(db, firstPid, 1, second);
    expect(blocked.map((b) => b.waitEvent)).toEqual(['advisory']);
    // The first submission stores its label under the key and commits.
    await first.query(
      `INSERT INTO annotations (project_id, item_id, user_id, slot, labels, idempotency_key) VALUES ($1, $2, $3, 0, '{0}', 'same-key')`,
      [projectId, items[0].id, userId],
    );
    await first.query('COMMIT');

    expect(await second).toEqual({ kind: 'key-reused', itemId: items[0].id });
    expect(await sql.many(`SELECT item_id::text AS "itemId" FROM annotations`)).toEqual([{ itemId: items[0].id }]);
  }, 30_000);
});
