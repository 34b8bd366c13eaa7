// Active learning in the loop: each project's settings (with the seed of its evaluation slice), the model versions
// trained on its labels, the rounds that train, score the pool in chunks and select a batch, the pool's scores per
// round, and the selections the annotation queue serves first.
import { MigrationInterface, QueryRunner } from 'typeorm';

const STRATEGIES = `'random', 'least-confidence', 'margin', 'entropy', 'k-center', 'kmeans-pp', 'hybrid', 'lf-disagreement'`;
const IN_FLIGHT = `'queued', 'training', 'scoring', 'selecting'`;

export class ActiveLearning1795500000000 implements MigrationInterface {
  name = 'ActiveLearning1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      -- One row per project, created with the contract's defaults the first time anyone reads it. The seed places
      -- items on the evaluation slice (a hash of the item id and the seed) and never changes.
      CREATE TABLE al_settings (
        project_id uuid PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
        strategy text NOT NULL DEFAULT 'hybrid' CHECK (strategy IN (${STRATEGIES})),
        batch_size integer NOT NULL DEFAULT 50 CHECK (batch_size BETWEEN 1 AND 1000),
        top_m integer CHECK (top_m BETWEEN 1 AND 100000),
        model_kind text NOT NULL DEFAULT 'logreg' CHECK (model_kind IN ('logreg', 'mlp')),
        warm_up_labels integer NOT NULL DEFAULT 0 CHECK (warm_up_labels >= 0),
        evaluation_share double precision NOT NULL DEFAULT 0.2 CHECK (evaluation_share >= 0 AND evaluation_share <= 0.5),
        retrain_after_new_labels integer DEFAULT 50 CHECK (retrain_after_new_labels >= 1),
        retrain_on_lf_change boolean NOT NULL DEFAULT true,
        retrain_every_minutes integer CHECK (retrain_every_minutes BETWEEN 5 AND 10080),
        weak_label_weight double precision CHECK (weak_label_weight > 0 AND weak_label_weight < 1),
        weak_label_min_confidence double precision NOT NULL DEFAULT 0.9 CHECK (weak_label_min_confidence BETWEEN 0 AND 1),
        seed integer NOT NULL DEFAULT floor(random() * 2147483647)::integer,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- A trained classifier. artifact is self-contained: the serialised classifier, the pool's IDF table, the
      -- embedding model and the class count, so anything that can read it can score a text.
      CREATE TABLE models (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        kind text NOT NULL CHECK (kind IN ('logreg', 'mlp')),
        backend text NOT NULL,
        artifact bytea NOT NULL,
        training_fingerprint text NOT NULL,
        label_count integer NOT NULL,
        metrics jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT models_project_version_key UNIQUE (project_id, version)
      );

      -- A round: train (or, without two labeled classes, fit features alone: the cold start), score the pool in
      -- chunks, select a batch. features holds a cold-start round's IDF table and embedding model (a round with a
      -- model reads them from its artifact). labels_at_start is the project's annotation count when the round
      -- opened: the baseline of the "after N new labels" trigger.
      CREATE TABLE al_rounds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN (${IN_FLIGHT}, 'done', 'failed')),
        trigger text NOT NULL CHECK (trigger IN ('manual', 'labels', 'lf-change', 'schedule')),
        strategy text NOT NULL CHECK (strategy IN (${STRATEGIES})),
        used_strategy text CHECK (used_strategy IN (${STRATEGIES})),
        batch_size integer NOT NULL,
        model_id uuid REFERENCES models(id) ON DELETE SET NULL,
        model_version integer,
        features bytea,
        labels_at_start bigint NOT NULL DEFAULT 0,
        pool_size integer NOT NULL DEFAULT 0,
        scored integer NOT NULL DEFAULT 0,
        selected integer NOT NULL DEFAULT 0,
        chunks_total integer NOT NULL DEFAULT 0,
        chunks_done integer NOT NULL DEFAULT 0,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      );
      -- One round in flight per project, whatever asked for it.
      CREATE UNIQUE INDEX al_rounds_in_flight_key ON al_rounds (project_id) WHERE status IN (${IN_FLIGHT});
      CREATE INDEX al_rounds_project_idx ON al_rounds (project_id, created_at DESC);

      -- The pool snapshot a round scores, in id-ordered chunks; a chunk counts toward progress once.
      CREATE TABLE al_round_chunks (
        round_id uuid NOT NULL REFERENCES al_rounds(id) ON DELETE CASCADE,
        chunk integer NOT NULL,
        from_id bigint NOT NULL,
        to_id bigint NOT NULL,
        items integer NOT NULL,
        done_at timestamptz,
        PRIMARY KEY (round_id, chunk)
      );

      -- A round's scores of the pool: the model's calibrated probabilities (none on a cold start) and the item's
      -- embedding. Keyed by round rather than model because a cold-start round has embeddings but no model; only
      -- the latest finished round's rows are kept (they are the annotators' suggestions). No foreign key to items:
      -- its check would take a share lock on every scored item for the length of a chunk's transaction, and each
      -- submission on one of them (which locks its item) would wait for the whole chunk. Rows go with their round.
      CREATE TABLE predictions (
        round_id uuid NOT NULL REFERENCES al_rounds(id) ON DELETE CASCADE,
        item_id bigint NOT NULL,
        model_id uuid REFERENCES models(id) ON DELETE CASCADE,
        probs real[],
        embedding real[],
        PRIMARY KEY (round_id, item_id)
      );

      -- The priority queue: items the latest round chose, served before the usual order by (created_at, rank). No
      -- foreign key to items, for the reason given above predictions.
      CREATE TABLE al_selections (
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        item_id bigint NOT NULL,
        round_id uuid NOT NULL REFERENCES al_rounds(id) ON DELETE CASCADE,
        strategy text NOT NULL CHECK (strategy IN (${STRATEGIES})),
        score real,
        rank integer NOT NULL CHECK (rank >= 1),
        model_version integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, item_id)
      );
      CREATE INDEX al_selections_queue_idx ON al_selections (project_id, created_at, rank);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE al_selections;
      DROP TABLE predictions;
      DROP TABLE al_round_chunks;
      DROP TABLE al_rounds;
      DROP TABLE models;
      DROP TABLE al_settings;
    `);
  }
}
