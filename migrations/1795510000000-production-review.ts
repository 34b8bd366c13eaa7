// The production review loop (issue 10), first server slice: the `service` role for project API keys, and each
// project's routing policy (every version kept; decisions name theirs) and routing settings, and the audit record of
// every decision with the review it opened.
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

      -- The audit record of every decision: the inputs, the calibrated probabilities and costs, the policy version,
      -- the outcome and why. Production items stay here rather than in items: an items row joins the annotation
      -- queue (task slots), the status counters, LF runs and the active-learning pool, which production traffic
      -- (5,000 predictions a request) should not flood; a prediction about an existing item points at it instead.
      CREATE TABLE production_predictions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        client_prediction_id text NOT NULL,
        -- sha256 of the request's canonical JSON: a retry with another body under the same id is refused.
        request_hash text NOT NULL,
        item_id bigint REFERENCES items(id) ON DELETE SET NULL,
        item_text text,
        item_metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
        model_name text NOT NULL,
        model_version text NOT NULL,
        probs float8[] NOT NULL,
        calibrated_probs float8[] NOT NULL,
        expected_costs float8[] NOT NULL,
        review_cost float8 NOT NULL,
        label smallint NOT NULL,
        decided_action text NOT NULL CHECK (decided_action IN ('act', 'review')),
        -- Shadow mode: decided and recorded, answered act, and no review opened.
        shadow boolean NOT NULL,
        reasons jsonb NOT NULL,
        policy_version integer NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_by_key uuid REFERENCES api_keys(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (project_id, client_prediction_id),
        FOREIGN KEY (project_id, policy_version) REFERENCES routing_policies (project_id, version)
      );

      CREATE TABLE production_reviews (
        id uuid PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        prediction_id bigint NOT NULL UNIQUE REFERENCES production_predictions(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'decided')),
        verdict text CHECK (verdict IN ('accept', 'correct', 'reject')),
        verdict_label smallint,
        decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'decided') = (verdict IS NOT NULL)),
        CHECK (verdict IS NULL OR (verdict = 'reject') = (verdict_label IS NULL))
      );
      CREATE INDEX production_reviews_queue_idx ON production_reviews (project_id, status, prediction_id);

      -- A verdict on a prediction about an item becomes that item's gold, with its own provenance.
      ALTER TABLE items DROP CONSTRAINT items_gold_source_check;
      ALTER TABLE items ADD CONSTRAINT items_gold_source_check CHECK (gold_source IN ('import', 'review', 'production-review'));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE items SET gold_source = 'review' WHERE gold_source = 'production-review';
      ALTER TABLE items DROP CONSTRAINT items_gold_source_check;
      ALTER TABLE items ADD CONSTRAINT items_gold_source_check CHECK (gold_source IN ('import', 'review'));
      DROP TABLE production_reviews;
      DROP TABLE production_predictions;
      DROP TABLE routing_settings;
      DROP TABLE routing_policies;
      -- A service key cannot become another role without gaining rights: it goes.
      DELETE FROM api_keys WHERE role = 'service';
      ALTER TABLE api_keys DROP CONSTRAINT api_keys_role_check;
      ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check CHECK (role IN ('owner', 'engineer', 'reviewer', 'annotator'));
    `);
  }
}
