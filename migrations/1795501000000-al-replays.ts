// Strategy replays: the active-learning loop re-run on a project's own labeled items, one row per request.
// The labeled set (item ids and their labels) is frozen when the replay is created, so a retried job, and every
// strategy and seed within it, works on the same pool and held-out split even while people keep labeling.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class AlReplays1795501000000 implements MigrationInterface {
  name = 'AlReplays1795501000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE al_replays (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        request jsonb NOT NULL,
        item_ids bigint[] NOT NULL,
        item_labels smallint[] NOT NULL,
        runs_done integer NOT NULL DEFAULT 0,
        runs_total integer NOT NULL CHECK (runs_total > 0),
        results jsonb NOT NULL DEFAULT '[]'::jsonb,
        labels_to_reach jsonb NOT NULL DEFAULT '{}'::jsonb,
        error text,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CHECK (cardinality(item_ids) = cardinality(item_labels))
      );
      -- One replay at a time per project: the worker runs them one after another anyway.
      CREATE UNIQUE INDEX al_replays_active_key ON al_replays (project_id) WHERE status IN ('queued', 'running');
      CREATE INDEX al_replays_project_idx ON al_replays (project_id, created_at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE al_replays`);
  }
}
