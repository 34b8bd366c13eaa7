// The production review loop (issue 10): the reviewer budget that prices reviews as the queue fills, and the review
// SLA with its escalation action. A review past its deadline is escalated once, recorded on the review: acted on
// with the model's label (it leaves the queue as expired), moved to the senior pool (owners and engineers), or
// left waiting (the breach is still recorded).
import { MigrationInterface, QueryRunner } from 'typeorm';

export class RoutingCapacitySla1795514000000 implements MigrationInterface {
  name = 'RoutingCapacitySla1795514000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE routing_settings
        ADD COLUMN review_budget_per_hour integer CHECK (review_budget_per_hour > 0),
        ADD COLUMN sla_minutes integer CHECK (sla_minutes > 0),
        ADD COLUMN escalation text NOT NULL DEFAULT 'wait' CHECK (escalation IN ('act', 'senior', 'wait'));

      ALTER TABLE production_reviews
        ADD COLUMN deadline_at timestamptz,
        ADD COLUMN escalation text CHECK (escalation IN ('act', 'senior', 'wait')),
        ADD COLUMN escalated_at timestamptz,
        ADD COLUMN pool text NOT NULL DEFAULT 'reviewers' CHECK (pool IN ('reviewers', 'senior')),
        ADD CONSTRAINT production_reviews_escalated_check CHECK ((escalation IS NULL) = (escalated_at IS NULL));
      ALTER TABLE production_reviews DROP CONSTRAINT production_reviews_status_check;
      ALTER TABLE production_reviews ADD CONSTRAINT production_reviews_status_check CHECK (status IN ('open', 'decided', 'expired'));
      -- The sweeper's scan: open reviews with a deadline not yet escalated.
      CREATE INDEX production_reviews_deadline_idx ON production_reviews (deadline_at) WHERE status = 'open' AND escalated_at IS NULL;
      -- Capacity pricing reads the last hour of a project's predictions.
      CREATE INDEX production_predictions_recent_idx ON production_predictions (project_id, created_at);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX production_predictions_recent_idx;
      DROP INDEX production_reviews_deadline_idx;
      UPDATE production_reviews SET status = 'open' WHERE status = 'expired';
      ALTER TABLE production_reviews DROP CONSTRAINT production_reviews_status_check;
      ALTER TABLE production_reviews ADD CONSTRAINT production_reviews_status_check CHECK (status IN ('open', 'decided'));
      ALTER TABLE production_reviews DROP CONSTRAINT production_reviews_escalated_check,
        DROP COLUMN pool, DROP COLUMN escalated_at, DROP COLUMN escalation, DROP COLUMN deadline_at;
      ALTER TABLE routing_settings DROP COLUMN escalation, DROP COLUMN sla_minutes, DROP COLUMN review_budget_per_hour;
    `);
  }
}
