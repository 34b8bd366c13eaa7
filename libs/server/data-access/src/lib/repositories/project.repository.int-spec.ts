// ProjectRepository's last-owner rule under concurrency, on the machine's PostgreSQL. Two owners removing each
// other at once both see two owners if each only counts them; the repository locks the owner rows first, so the
// second removal re-reads them after the first commits and is refused. The test holds those rows itself so both
// removals are in flight together (it checks they both wait), then lets them go.
import { Client } from 'pg';
import { openTestDatabase, waitForBlocked, type TestDatabase } from '../test-database.testing';
import { ProjectRepository } from './project.repository';

describe('ProjectRepository: the last owner', () => {
  let db: TestDatabase;
  let holder: Client;
  let holderPid: number;

  beforeAll(async () => {
    db = await openTestDatabase(6);
    holder = new Client({ connectionString: db.url });
    await holder.connect();
    holderPid = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  }, 60_000);

  afterAll(async () => {
    await holder?.end();
    await db?.close();
  }, 30_000);

  it('refuses the second of two concurrent removals of owners, leaving one owner', async () => {
    const { sql } = db;
    const [{ id: projectId }] = await sql.many<{ id: string }>(
      `INSERT INTO projects (name, label_kind, labels) VALUES ('p', 'single', '[{"name":"a"},{"name":"b"}]') RETURNING id`,
    );
    const users = await sql.many<{ id: string }>(
      `INSERT INTO users (email, name, password_hash) VALUES ('o1@x', 'O1', 'h'), ('o2@x', 'O2', 'h') RETURNING id`,
    );
    for (const u of users) await sql.many(`INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'owner')`, [projectId, u.id]);
    const repo = new ProjectRepository(sql);

    await holder.query('BEGIN');
    await holder.query(`SELECT 1 FROM project_members WHERE project_id = $1 AND role = 'owner' FOR UPDATE`, [projectId]);
    const removals = Promise.all([repo.removeMember(projectId, users[0].id), repo.removeMember(projectId, users[1].id)]);
    // Both wait on the owner rows: one directly on the holder, the other queued behind it (a tuple lock).
    await waitForBlocked(db, holderPid, 1, removals);
    await waitForBlocked(db, null, 2, removals);
    await holder.query('COMMIT');

    expect((await removals).sort()).toEqual(['last-owner', 'removed']);
    const owners = await sql.many(`SELECT user_id FROM project_members WHERE project_id = $1 AND role = 'owner'`, [projectId]);
    expect(owners).toHaveLength(1);
  }, 30_000);

  it('refuses a demotion racing a removal in the same way', async () => {
    const { sql } = db;
    const [{ id: projectId }] = await sql.many<{ id: string }>(
      `INSERT INTO projects (name, label_kind, labels) VALUES ('q', 'single', '[{"name":"a"},{"name":"b"}]') RETURNING id`,
    );
    const users = await sql.many<{ id: string; email: string }>(
      `INSERT INTO users (email, name, password_hash) VALUES ('p1@x', 'P1', 'h'), ('p2@x', 'P2', 'h') RETURNING id, email`,
    );
    for (const u of users) await sql.many(`INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'owner')`, [projectId, u.id]);
    const repo = new ProjectRepository(sql);

    await holder.query('BEGIN');
    await holder.query(`SELECT 1 FROM project_members WHERE project_id = $1 AND role = 'owner' FOR UPDATE`, [projectId]);
    const both = Promise.all([repo.setMember(projectId, users[0].email, 'annotator'), repo.removeMember(projectId, users[1].id)]);
    await waitForBlocked(db, holderPid, 1, both);
    await waitForBlocked(db, null, 2, both);
    await holder.query('COMMIT');

    const [demotion, removal] = await both;
    // Whichever got the lock first went through; the other found a single owner left.
    const outcomes = [demotion.kind === 'ok' ? 'demoted' : demotion.kind, removal].sort();
    expect([['demoted', 'last-owner'], ['last-owner', 'removed']]).toContainEqual(outcomes);
    const owners = await sql.many(`SELECT user_id FROM project_members WHERE project_id = $1 AND role = 'owner'`, [projectId]);
    expect(owners).toHaveLength(1);
  }, 30_000);
});
