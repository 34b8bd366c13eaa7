// Monitoring production models (issue 10): what a model version was trained on (confidences, label counts,
// numeric metadata), uploaded by its owner, is the reference its production traffic's drift is measured against.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ModelMonitoring1795515000000 implements MigrationInterface {
  name = 'ModelMonitoring1795515000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE production_model_references (
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        model_name text NOT NULL,
        model_version text NOT NULL,
        confidences float8[] NOT NULL,
        label_counts integer[] NOT NULL,
        metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, model_name, model_version)
      );
      -- Monitoring reads one model version's predictions, newest and oldest first.
      CREATE INDEX production_predictions_model_idx ON production_predictions (project_id, model_name, model_version, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP INDEX production_predictions_model_idx;
      DROP TABLE production_model_references;
    `);
  }
}
