// AgreementRepository.saveResults against a concurrent submission on the machine's PostgreSQL. A submission
// locks its item row, then inserts rows that reference the project (key-share lock on the project row); saving
// the agreement results locks the project row, then inserts consensus rows that reference items (key-share
// lock on each item row). The project lock must not be FOR UPDATE, or the two wait on each other and
// PostgreSQL aborts one with a deadlock: a 500 on the annotator's submission.
import { Client } from 'pg';
import { openTestDatabase, waitForBlocked, type TestDatabase } from '../test-database.testing';
import { Sql } from '../sql';
import { AgreementRepository } from './agreement.repository';

describe('AgreementRepository.saveResults beside a submission', () => {
  let db: TestDatabase;
  let sql: Sql;
  let submitter: Client;

  let submitterPid: number;

  beforeAll(async () => {
    db = await openTestDatabase();
    sql = db.sql;
    submitter = new Client({ connectionString: db.url });
    await submitter.connect();
    submitterPid = (await submitter.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  }, 60_000);

  afterAll(async () => {
    await submitter?.end();
    await db?.close();
  }, 30_000);

  it('does not deadlock with a submission on an item whose consensus it writes', async () => {
    const [{ id: projectId }] = await sql.many<{ id: string }>(
      `INSERT INTO projects (name, label_kind, labels, overlap) VALUES ('p', 'single', '[{"name":"a"},{"name":"b"}]', 2) RETURNING id`,
    );
    const [{ id: itemId }] = await sql.many<{ id: string }>(`INSERT INTO items (project_id, text) VALUES ($1, 'x') RETURNING id::text`, [projectId]);
    const [{ id: userId }] = await sql.many<{ id: string }>(`INSERT INTO users (email, name, password_hash) VALUES ('a@x', 'A', 'h') RETURNING id`);

    // The submission holds its item row, as TaskRepository.submit does first.
    await submitter.query('BEGIN');
    await submitter.query(`SELECT 1 FROM items WHERE id = $1 FOR UPDATE`, [itemId]);
    // The agreement job saves meanwhile: it takes the project lock and then waits for the item row.
    const saved = new AgreementRepository(sql).saveResults(projectId, { n: 1 }, 1, 'majority', [{ itemId, labels: [1], confidence: 1 }], []);
    const failed = saved.then(() => null, (err: Error) => err);
    // The interleaving this test exists for: the save is blocked by the submission, on the consensus insert
    // (after its project lock). Without it the test would pass whatever the lock order.
    const [blocked] = await waitForBlocked(db, submitterPid, 1, failed);
    expect(blocked.query).toContain('INSERT INTO item_consensus');
    // The submission goes on to insert its annotation, which references the project.
    await submitter.query(
      `INSERT INTO annotations (project_id, item_id, user_id, slot, labels, idempotency_key) VALUES ($1, $2, $3, 0, '{1}', 'k')`,
      [projectId, itemId, userId],
    );
    await submitter.query('COMMIT');
    expect(await failed).toBeNull();
    expect(await sql.many(`SELECT item_id::text AS "itemId", labels::int[] AS labels FROM item_consensus`)).toEqual([{ itemId, labels: [1] }]);
  }, 30_000);
});
