// Weak supervision: labeling functions and their versions, the votes each version cast, the runs that apply
// them in chunks, the fitted label models and the weak (probabilistic) labels they produce.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class LabelingFunctions1795480000000 implements MigrationInterface {
  name = 'LabelingFunctions1795480000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- The LF preview's sample: a fixed pseudo-random order of a project's items, read by index, not sorted.
      CREATE INDEX items_sample_idx ON items (project_id, hashtextextended(id::text, 20261123));

      CREATE TABLE labeling_functions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        enabled boolean NOT NULL DEFAULT true,
        current_version_id bigint,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX labeling_functions_name_key ON labeling_functions (project_id, lower(name));

      -- Editing an LF's definition adds a version; votes belong to a version, so old votes never mix with new.
      -- applied_through: every item of the project with id <= it has been evaluated by this version.
      CREATE TABLE lf_versions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        lf_id uuid NOT NULL REFERENCES labeling_functions(id) ON DELETE CASCADE,
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        kind text NOT NULL CHECK (kind IN ('keyword', 'regex', 'threshold', 'word-count', 'code')),
        definition jsonb NOT NULL,
        author_id uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        applied_through bigint NOT NULL DEFAULT 0,
        error_message text,
        error_item_id bigint,
        CONSTRAINT lf_versions_lf_version_key UNIQUE (lf_id, version)
      );
      CREATE INDEX lf_versions_project_idx ON lf_versions (project_id);
      ALTER TABLE labeling_functions ADD CONSTRAINT labeling_functions_current_version_fkey
        FOREIGN KEY (current_version_id) REFERENCES lf_versions(id) DEFERRABLE INITIALLY DEFERRED;

      -- Only votes other than ABSTAIN are stored; an evaluated item without a row abstained.
      CREATE TABLE lf_votes (
        item_id bigint NOT NULL REFERENCES items(id) ON DELETE CASCADE,
        lf_version_id bigint NOT NULL REFERENCES lf_versions(id) ON DELETE CASCADE,
        vote smallint NOT NULL CHECK (vote >= 0),
        PRIMARY KEY (item_id, lf_version_id)
      );
      CREATE INDEX lf_votes_version_idx ON lf_votes (lf_version_id, item_id);

      -- One run applies a set of versions (each to the items after its since id) to the items up to through_id,
      -- split into chunks; a chunk is done once, however often its job runs.
      CREATE TABLE lf_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
        version_ids bigint[] NOT NULL,
        since_ids bigint[] NOT NULL,
        through_id bigint NOT NULL,
        chunks_total integer NOT NULL,
        chunks_done integer NOT NULL DEFAULT 0,
        items_total bigint NOT NULL,
        items_done bigint NOT NULL DEFAULT 0,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        CHECK (cardinality(version_ids) = cardinality(since_ids))
      );
      CREATE UNIQUE INDEX lf_runs_running_key ON lf_runs (project_id) WHERE status = 'running';
      CREATE INDEX lf_runs_project_idx ON lf_runs (project_id, created_at DESC);

      CREATE TABLE lf_run_chunks (
        run_id uuid NOT NULL REFERENCES lf_runs(id) ON DELETE CASCADE,
        chunk integer NOT NULL,
        from_id bigint NOT NULL,
        to_id bigint NOT NULL,
        items integer NOT NULL,
        done_at timestamptz,
        PRIMARY KEY (run_id, chunk)
      );

      CREATE TABLE label_models (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        run_id uuid REFERENCES lf_runs(id) ON DELETE SET NULL,
        lf_version_ids bigint[] NOT NULL,
        chosen text NOT NULL CHECK (chosen IN ('generative', 'majority')),
        reason text NOT NULL,
        class_balance double precision[] NOT NULL,
        lf_accuracies double precision[] NOT NULL,
        validation jsonb,
        analysis jsonb NOT NULL,
        items bigint NOT NULL,
        covered bigint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX label_models_project_idx ON label_models (project_id, id DESC);

      -- The latest label model's output for every item with at least one vote.
      CREATE TABLE weak_labels (
        item_id bigint PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        label_model_id bigint NOT NULL REFERENCES label_models(id) ON DELETE CASCADE,
        probabilities real[] NOT NULL,
        label smallint NOT NULL,
        confidence real NOT NULL,
        conflict boolean NOT NULL,
        votes smallint NOT NULL
      );
      CREATE INDEX weak_labels_project_idx ON weak_labels (project_id, item_id);
      CREATE INDEX weak_labels_conflict_idx ON weak_labels (project_id, item_id) WHERE conflict;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE weak_labels;
      DROP TABLE label_models;
      DROP TABLE lf_run_chunks;
      DROP TABLE lf_runs;
      DROP TABLE lf_votes;
      ALTER TABLE labeling_functions DROP CONSTRAINT labeling_functions_current_version_fkey;
      DROP TABLE lf_versions;
      DROP TABLE labeling_functions;
      DROP INDEX items_sample_idx;
    `);
  }
}
