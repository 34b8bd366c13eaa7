// Worker liveness: each worker process upserts its row every WORKER_HEARTBEAT_MS and marks it stopped when it
// stops gracefully; /health counts the rows seen recently and not stopped. In the database rather than Redis so it works on either queue backend.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class WorkerHeartbeats1795492000000 implements MigrationInterface {
  name = 'WorkerHeartbeats1795492000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE worker_heartbeats (
        worker_id uuid PRIMARY KEY,
        hostname text NOT NULL,
        pid integer NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        seen_at timestamptz NOT NULL DEFAULT now(),
        stopped_at timestamptz
      );
      CREATE INDEX worker_heartbeats_seen_idx ON worker_heartbeats (seen_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE worker_heartbeats`);
  }
}
