// Leases on production reviews, as task_slots have for annotation: a reviewer claims open reviews and holds them
// until a database-clock deadline; others are not handed them meanwhile, and an expired lease frees the review.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProductionReviewLeases1795513000000 implements MigrationInterface {
  name = 'ProductionReviewLeases1795513000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE production_reviews
        ADD COLUMN leased_by uuid REFERENCES users(id) ON DELETE SET NULL,
        ADD COLUMN leased_at timestamptz,
        -- Free when NULL or past: a claim takes it, a verdict by anyone is accepted.
        ADD COLUMN lease_expires_at timestamptz;
      -- A reviewer's held leases, renewed by each of their claims.
      CREATE INDEX production_reviews_lease_idx ON production_reviews (project_id, leased_by) WHERE status = 'open' AND leased_by IS NOT NULL;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX production_reviews_lease_idx;
      ALTER TABLE production_reviews DROP COLUMN lease_expires_at, DROP COLUMN leased_at, DROP COLUMN leased_by;
    `);
  }
}
