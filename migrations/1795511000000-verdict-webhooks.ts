// Verdict webhooks (issue 10): each project's webhook (address and signing secret), and the outbox of deliveries,
// one row per verdict written in the verdict's own transaction, so no acknowledged verdict goes unsent.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class VerdictWebhooks1795511000000 implements MigrationInterface {
  name = 'VerdictWebhooks1795511000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE project_webhooks (
        project_id uuid PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
        url text NOT NULL,
        -- Kept as given: the worker needs it to sign each delivery (a hash would not do). Answered only by the PUT.
        secret text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- The body is fixed when the verdict is recorded, so every attempt sends the same bytes; the address and secret
      -- are the project's at send time, so fixing a wrong URL and retrying the dead letters reaches the new one.
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY,
        -- Keyset order of the delivery lists.
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        project_id uuid NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        review_id uuid NOT NULL REFERENCES production_reviews(id) ON DELETE CASCADE,
        event text NOT NULL CHECK (event IN ('verdict')),
        body text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        -- Bumped by each manual retry of a dead delivery: its job id, so the retry is a new job.
        generation integer NOT NULL DEFAULT 0,
        -- Held while a send is in flight: a second job for the same delivery does not send it at the same time.
        sending_until timestamptz,
        last_status_code integer,
        last_error text,
        last_attempt_at timestamptz,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- One delivery per verdict: a review gets one.
        UNIQUE (review_id, event),
        CHECK ((status = 'delivered') = (delivered_at IS NOT NULL))
      );
      CREATE INDEX webhook_deliveries_list_idx ON webhook_deliveries (project_id, status, seq);
      CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (seq) WHERE status = 'pending';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE webhook_deliveries;
      DROP TABLE project_webhooks;
    `);
  }
}
