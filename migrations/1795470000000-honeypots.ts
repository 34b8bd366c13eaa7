// Gold checks ("honeypots"): a share of each annotator's queue is items with known labels, answered outside the
// overlap slots; their running accuracy can pause an annotator until an owner resumes them.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Honeypots1795470000000 implements MigrationInterface {
  name = 'Honeypots1795470000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE projects
        ADD COLUMN gold_share double precision NOT NULL DEFAULT 0 CHECK (gold_share >= 0 AND gold_share <= 0.5),
        ADD COLUMN min_gold_accuracy double precision CHECK (min_gold_accuracy >= 0 AND min_gold_accuracy <= 1),
        ADD COLUMN min_gold_answers integer NOT NULL DEFAULT 5 CHECK (min_gold_answers >= 1);
      ALTER TABLE project_members ADD COLUMN checks_reset_at timestamptz;

      CREATE TABLE honeypot_leases (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        item_id bigint NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        leased_at timestamptz NOT NULL DEFAULT now(),
        lease_expires_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, item_id)
      );
      CREATE INDEX honeypot_leases_project_idx ON honeypot_leases (project_id, user_id);

      CREATE TABLE honeypot_answers (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        item_id bigint NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        labels smallint[] NOT NULL,
        correct boolean NOT NULL,
        idempotency_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT honeypot_answers_item_user_key UNIQUE (user_id, item_id),
        CONSTRAINT honeypot_answers_idempotency_key UNIQUE (user_id, idempotency_key)
      );
      CREATE INDEX honeypot_answers_project_idx ON honeypot_answers (project_id, user_id, created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE honeypot_answers;
      DROP TABLE honeypot_leases;
      ALTER TABLE project_members DROP COLUMN checks_reset_at;
      ALTER TABLE projects DROP COLUMN gold_share, DROP COLUMN min_gold_accuracy, DROP COLUMN min_gold_answers;
    `);
  }
}
