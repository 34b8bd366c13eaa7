// Webhook events besides verdicts (issue 10): an SLA escalation of a review, and a monitoring alert of a model
// version (drift or calibration past its threshold). An alert has no review; its key (model, version, metric and
// the hour) lets one alert per metric an hour be queued however often the monitor looks.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhookEvents1795517000000 implements MigrationInterface {
  name = 'WebhookEvents1795517000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE webhook_deliveries ALTER COLUMN review_id DROP NOT NULL;
      ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_event_check;
      ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_event_check CHECK (event IN ('verdict', 'escalation', 'alert'));
      ALTER TABLE webhook_deliveries ADD COLUMN alert_key text;
      ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_subject_check
        CHECK ((event = 'alert') = (review_id IS NULL) AND (event = 'alert') = (alert_key IS NOT NULL));
      ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_alert_key UNIQUE (project_id, alert_key);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM webhook_deliveries WHERE event <> 'verdict';
      ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_alert_key;
      ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_subject_check;
      ALTER TABLE webhook_deliveries DROP COLUMN alert_key;
      ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_event_check;
      ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_event_check CHECK (event IN ('verdict'));
      ALTER TABLE webhook_deliveries ALTER COLUMN review_id SET NOT NULL;
    `);
  }
}
