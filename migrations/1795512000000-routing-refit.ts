// Learning the routing policy (issue 10): the re-fit's proposals (a policy fitted on reviewers' verdicts, with its
// held-out evaluation), each applied at most once as a new policy version, and the project setting that applies
// proposals as soon as they are made.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class RoutingRefit1795512000000 implements MigrationInterface {
  name = 'RoutingRefit1795512000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE routing_settings ADD COLUMN auto_apply_proposals boolean NOT NULL DEFAULT false;

      CREATE TABLE routing_proposals (
        id uuid PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        -- The version whose costs the re-fit used; the proposal is that policy with a new temperature and price.
        base_version integer NOT NULL,
        policy jsonb NOT NULL,
        -- fitRoutingPolicy's answer without the policy: the temperature fit, part sizes, fit cost, held-out evaluation.
        fit jsonb NOT NULL,
        reviewed_predictions integer NOT NULL,
        requested_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- Set once, when a person approves it or the project applies proposals automatically (applied_by null).
        applied_version integer,
        applied_by uuid REFERENCES users(id) ON DELETE SET NULL,
        applied_at timestamptz,
        FOREIGN KEY (project_id, base_version) REFERENCES routing_policies (project_id, version),
        FOREIGN KEY (project_id, applied_version) REFERENCES routing_policies (project_id, version),
        CHECK ((applied_version IS NULL) = (applied_at IS NULL))
      );
      CREATE INDEX routing_proposals_project_idx ON routing_proposals (project_id, created_at DESC);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE routing_proposals;
      ALTER TABLE routing_settings DROP COLUMN auto_apply_proposals;
    `);
  }
}
