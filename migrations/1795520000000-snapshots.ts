// Labeled snapshots (issue 11): the project's train/valid/test assignment (made once per item, never changed),
// the groups that keep together, the snapshots themselves (immutable once complete) with their rows stored as the
// exact JSON lines served, the project's snapshot triggers, the `snapshot` webhook event, and model lineage.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class Snapshots1795520000000 implements MigrationInterface {
  name = 'Snapshots1795520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE split_settings (
        project_id uuid PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
        seed integer NOT NULL CHECK (seed >= 0),
        train double precision NOT NULL DEFAULT 0.8 CHECK (train >= 0 AND train <= 1),
        valid double precision NOT NULL DEFAULT 0.1 CHECK (valid >= 0 AND valid <= 1),
        test double precision NOT NULL DEFAULT 0.1 CHECK (test >= 0 AND test <= 1),
        group_key text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (abs(train + valid + test - 1) < 1e-9)
      );

      -- One row per item that has had a label: its split, fixed for ever, and the label it was stratified by.
      CREATE TABLE item_splits (
        item_id bigint PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        split text NOT NULL CHECK (split IN ('train', 'valid', 'test')),
        first_label smallint NOT NULL,
        group_value text,
        assigned_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX item_splits_project_idx ON item_splits (project_id, split, item_id);

      -- A group (the value of the project's group key) lives in the split its first item went to.
      CREATE TABLE split_groups (
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        group_value text NOT NULL,
        split text NOT NULL CHECK (split IN ('train', 'valid', 'test')),
        PRIMARY KEY (project_id, group_value)
      );

      CREATE TABLE snapshots (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        status text NOT NULL DEFAULT 'building' CHECK (status IN ('building', 'complete', 'failed')),
        trigger text NOT NULL CHECK (trigger IN ('manual', 'schedule', 'policy', 'training')),
        note text,
        policy jsonb NOT NULL,
        requested_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        error text,
        row_count bigint,
        content_hash text,
        manifest jsonb,
        datasheet jsonb,
        CHECK ((status = 'complete') = (content_hash IS NOT NULL AND completed_at IS NOT NULL AND manifest IS NOT NULL))
      );

      -- The project's versions (1, 2, … what people and retraining jobs pull) and, numbered apart (t1, t2, …), the
      -- snapshots active-learning rounds train on, which appear on the models they made rather than in the list.
      CREATE UNIQUE INDEX snapshots_version_key ON snapshots (project_id, version) WHERE trigger <> 'training';
      CREATE UNIQUE INDEX snapshots_training_version_key ON snapshots (project_id, version) WHERE trigger = 'training';

      -- The rows of a complete snapshot, written in the build's one transaction. \`line\` is the row's JSON exactly as
      -- served in JSONL (the content hash is over these lines); the typed columns serve filters and diffs.
      CREATE TABLE snapshot_rows (
        snapshot_id bigint NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
        ordinal integer NOT NULL,
        split text NOT NULL CHECK (split IN ('train', 'valid', 'test')),
        split_ordinal integer NOT NULL,
        item_id bigint NOT NULL,
        label text NOT NULL,
        source text NOT NULL,
        line text NOT NULL,
        PRIMARY KEY (snapshot_id, ordinal)
      );
      CREATE UNIQUE INDEX snapshot_rows_split_idx ON snapshot_rows (snapshot_id, split, split_ordinal);
      CREATE UNIQUE INDEX snapshot_rows_item_idx ON snapshot_rows (snapshot_id, item_id);

      -- A complete snapshot's Parquet files, written once after its build (the rows never change, and converting
      -- JSON lines to Parquet on every download runs far below COPY), in pieces of about 1 MiB so a download
      -- streams them with flat memory. A file counts only with its \`snapshot_files_done\` row, written with the last
      -- piece in one transaction.
      CREATE TABLE snapshot_files (
        snapshot_id bigint NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
        split text NOT NULL CHECK (split IN ('all', 'train', 'valid', 'test')),
        format text NOT NULL CHECK (format IN ('parquet')),
        piece integer NOT NULL,
        bytes bytea NOT NULL,
        PRIMARY KEY (snapshot_id, split, format, piece)
      );
      CREATE TABLE snapshot_files_done (
        snapshot_id bigint NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
        split text NOT NULL,
        format text NOT NULL,
        pieces integer NOT NULL,
        size bigint NOT NULL,
        PRIMARY KEY (snapshot_id, split, format)
      );

      -- When a snapshot is made without anyone asking: every N hours, and/or after N new gold labels (while the
      -- project's agreement is at least a bar).
      CREATE TABLE snapshot_settings (
        project_id uuid PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
        every_hours double precision CHECK (every_hours > 0),
        after_new_gold integer CHECK (after_new_gold >= 1),
        min_agreement double precision CHECK (min_agreement >= -1 AND min_agreement <= 1),
        policy jsonb,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_event_check;
      ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_event_check CHECK (event IN ('verdict', 'escalation', 'alert', 'snapshot'));
      ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_subject_check;
      ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_subject_check
        CHECK ((event IN ('alert', 'snapshot')) = (review_id IS NULL) AND (event IN ('alert', 'snapshot')) = (alert_key IS NOT NULL));

      -- Lineage: the snapshot a model was trained on (the labels of its round, frozen).
      ALTER TABLE models ADD COLUMN snapshot_id bigint REFERENCES snapshots(id) ON DELETE SET NULL;
      -- Lineage of production models: the snapshot a retraining job trained a model version on, as its pipeline
      -- records it; a production decision names its model version, so it traces back to those rows.
      CREATE TABLE production_model_lineage (
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        model_name text NOT NULL,
        model_version text NOT NULL,
        snapshot_id bigint NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, model_name, model_version)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE production_model_lineage;
      ALTER TABLE models DROP COLUMN snapshot_id;
      DELETE FROM webhook_deliveries WHERE event = 'snapshot';
      ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_subject_check;
      ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_subject_check
        CHECK ((event = 'alert') = (review_id IS NULL) AND (event = 'alert') = (alert_key IS NOT NULL));
      ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_event_check;
      ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_event_check CHECK (event IN ('verdict', 'escalation', 'alert'));
      DROP TABLE snapshot_settings;
      DROP TABLE snapshot_files_done;
      DROP TABLE snapshot_files;
      DROP TABLE snapshot_rows;
      DROP TABLE snapshots;
      DROP TABLE split_groups;
      DROP TABLE item_splits;
      DROP TABLE split_settings;
    `);
  }
}
