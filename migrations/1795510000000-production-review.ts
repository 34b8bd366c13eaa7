// The production review loop (issue 10), first server slice: the `service` role for project API keys, and each
// project's routing policy (every version kept; decisions name theirs) and routing settings.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProductionReview1795510000000 implements MigrationInterface {
  name = 'ProductionReview1795510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Keys only: a person is never a service, so project_members keeps its four roles.
      ALTER TABLE api_keys DROP CONSTRAINT api_keys_role_check;
      ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check CHECK (role IN ('owner', 'engineer', 'reviewer', 'annotator', 'service'));

      -- Append-only: a new policy is a new version; the highest is the active one.
      CREATE TABLE routing_policies (
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        policy jsonb NOT NULL,
        -- Neither for the default policy, stored by the first decision made under it.
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_by_key uuid REFERENCES api_keys(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, version)
      );

      CREATE TABLE routing_settings (
        project_id uuid PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
        shadow_mode boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE routing_settings;
      DROP TABLE routing_policies;
      -- A service key cannot become another role without gaining rights: it goes.
      DELETE FROM api_keys WHERE role = 'service';
      ALTER TABLE api_keys DROP CONSTRAINT api_keys_role_check;
      ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check CHECK (role IN ('owner', 'engineer', 'reviewer', 'annotator'));
    `);
  }
}
