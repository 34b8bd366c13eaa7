// Integrity and access (issue 8): which items were served to whom (only those may be submitted), the undo window
// and self-review setting of a project, disabled users, and API keys with an expiry, their minting key and last use.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class IntegrityAndAccess1795490000000 implements MigrationInterface {
  name = 'IntegrityAndAccess1795490000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Every (item, annotator) pair the queue ever leased: an annotator may submit only for an item served to them.
      CREATE TABLE item_servings (
        item_id bigint NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        served_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (item_id, user_id)
      );
      INSERT INTO item_servings (item_id, user_id, project_id)
        SELECT item_id, user_id, project_id FROM task_slots WHERE user_id IS NOT NULL
        UNION SELECT item_id, user_id, project_id FROM annotations
        UNION SELECT item_id, user_id, project_id FROM skips
        ON CONFLICT DO NOTHING;

      ALTER TABLE projects
        ADD COLUMN undo_window_seconds integer NOT NULL DEFAULT 600 CHECK (undo_window_seconds BETWEEN 0 AND 604800),
        ADD COLUMN allow_self_review boolean NOT NULL DEFAULT false,
        ADD COLUMN keys_manage_access boolean NOT NULL DEFAULT false;

      ALTER TABLE users ADD COLUMN disabled_at timestamptz;

      ALTER TABLE api_keys
        ADD COLUMN expires_at timestamptz,
        ADD COLUMN created_by_key uuid REFERENCES api_keys(id) ON DELETE SET NULL,
        ADD COLUMN last_used_at timestamptz;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE api_keys DROP COLUMN expires_at, DROP COLUMN created_by_key, DROP COLUMN last_used_at;
      ALTER TABLE users DROP COLUMN disabled_at;
      ALTER TABLE projects DROP COLUMN undo_window_seconds, DROP COLUMN allow_self_review, DROP COLUMN keys_manage_access;
      DROP TABLE item_servings;
    `);
  }
}
