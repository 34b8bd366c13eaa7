// The production review loop (issue 10), first server slice: the `service` role for project API keys.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProductionReview1795510000000 implements MigrationInterface {
  name = 'ProductionReview1795510000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- Keys only: a person is never a service, so project_members keeps its four roles.
      ALTER TABLE api_keys DROP CONSTRAINT api_keys_role_check;
      ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check CHECK (role IN ('owner', 'engineer', 'reviewer', 'annotator', 'service'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      -- A service key cannot become another role without gaining rights: it goes.
      DELETE FROM api_keys WHERE role = 'service';
      ALTER TABLE api_keys DROP CONSTRAINT api_keys_role_check;
      ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check CHECK (role IN ('owner', 'engineer', 'reviewer', 'annotator'));
    `);
  }
}
