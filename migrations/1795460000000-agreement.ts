// Agreement, consensus and adjudication: project policies, per-item consensus, the review queue, stored reports,
// and the provenance of gold labels.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Agreement1795460000000 implements MigrationInterface {
  name = 'Agreement1795460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE projects
        ADD COLUMN overlap_fraction double precision NOT NULL DEFAULT 1 CHECK (overlap_fraction > 0 AND overlap_fraction <= 1),
        ADD COLUMN consensus_method text NOT NULL DEFAULT 'majority' CHECK (consensus_method IN ('majority', 'dawid-skene')),
        ADD COLUMN review_threshold double precision NOT NULL DEFAULT 0 CHECK (review_threshold >= 0 AND review_threshold <= 1);

      ALTER TABLE items
        ADD COLUMN gold_source text CHECK (gold_source IN ('import', 'review')),
        ADD COLUMN gold_by uuid REFERENCES users(id) ON DELETE SET NULL,
        ADD COLUMN gold_at timestamptz;
      UPDATE items SET gold_source = 'import', gold_at = created_at WHERE gold IS NOT NULL;

      CREATE TABLE item_consensus (
        item_id bigint PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        labels smallint[] NOT NULL,
        confidence double precision NOT NULL,
        method text NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX item_consensus_project_idx ON item_consensus (project_id, item_id);

      CREATE TABLE review_queue (
        item_id bigint PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        reason text NOT NULL CHECK (reason IN ('disagreement', 'low_confidence')),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'decided')),
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
        decision smallint[]
      );
      CREATE INDEX review_queue_open_idx ON review_queue (project_id, item_id) WHERE status = 'open';

      CREATE TABLE agreement_reports (
        project_id uuid PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
        report jsonb NOT NULL,
        annotations bigint NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE agreement_reports;
      DROP TABLE review_queue;
      DROP TABLE item_consensus;
      ALTER TABLE items DROP COLUMN gold_source, DROP COLUMN gold_by, DROP COLUMN gold_at;
      ALTER TABLE projects DROP COLUMN overlap_fraction, DROP COLUMN consensus_method, DROP COLUMN review_threshold;
    `);
  }
}
