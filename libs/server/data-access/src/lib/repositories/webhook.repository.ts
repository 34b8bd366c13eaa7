// A project's verdict webhook and its outbox of deliveries. A delivery row is written in the verdict's transaction
// (insertVerdictDelivery); a sender claims it for the length of one send, so two jobs for one delivery never send
// it at once, and one that finds it delivered sends nothing.
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { WebhookDeliveryStatus } from '@arbiter/contracts';
import type { Queryable } from '../sql';
import { Sql } from '../sql';

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export interface StoredWebhook {
  url: string;
  createdAt: string;
  updatedAt: string;
}

export interface StoredDelivery {
  seq: string;
  deliveryId: string;
  event: 'verdict' | 'escalation' | 'alert';
  status: WebhookDeliveryStatus;
  /** Null for an alert, which is about a model version rather than a review. */
  reviewId: string | null;
  predictionId: string | null;
  /** The verdict of a verdict delivery; null for the other events. */
  verdict: 'accept' | 'correct' | 'reject' | null;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

/** What a sender may do with a delivery it was asked to send. */
export type Claim =
  | { kind: 'send'; event: StoredDelivery['event']; body: string; url: string; secret: string }
  /** Delivered or dead already: nothing to send. */
  | { kind: 'done' }
  /** Another send of it is in flight (its claim has not expired). */
  | { kind: 'busy' }
  /** The project has no webhook any more: the delivery is now dead. */
  | { kind: 'no-webhook' };

export interface AttemptResult {
  delivered: boolean;
  statusCode: number | null;
  error: string | null;
  /** The last attempt: a failure makes the delivery dead. */
  final: boolean;
}

/**
 * Inside the verdict's transaction: queues the delivery when the project has a webhook. Returns whether it did.
 * The review's UNIQUE (review_id, event) makes a second insert for one verdict impossible.
 */
export async function insertVerdictDelivery(c: Queryable, d: { deliveryId: string; projectId: string; reviewId: string; body: string }): Promise<boolean> {
  const r = await c.query(
    `INSERT INTO webhook_deliveries (id, project_id, review_id, event, body)
     SELECT $1, $2, $3, 'verdict', $4 WHERE EXISTS (SELECT 1 FROM project_webhooks WHERE project_id = $2)`,
    [d.deliveryId, d.projectId, d.reviewId, d.body],
  );
  return (r.rowCount ?? 0) > 0;
}

/**
 * Queues a monitoring alert when the project has a webhook and no alert of this key was queued (the key names the
 * model version, the metric and the hour). `body` makes the JSON from the new delivery's id. Returns the id, or null.
 */
export async function insertAlertDelivery(c: Queryable, d: { projectId: string; alertKey: string; body: (deliveryId: string) => string }): Promise<string | null> {
  const deliveryId = randomUUID();
  const r = await c.query(
    `INSERT INTO webhook_deliveries (id, project_id, event, body, alert_key)
     SELECT $1, $2, 'alert', $3, $4 WHERE EXISTS (SELECT 1 FROM project_webhooks WHERE project_id = $2)
     ON CONFLICT (project_id, alert_key) DO NOTHING`,
    [deliveryId, d.projectId, d.body(deliveryId), d.alertKey],
  );
  return (r.rowCount ?? 0) > 0 ? deliveryId : null;
}

const DELIVERY_COLUMNS = `d.seq::text AS seq, d.id AS "deliveryId", d.event, d.status, d.review_id AS "reviewId",
  p.client_prediction_id AS "predictionId", CASE WHEN d.event = 'verdict' THEN r.verdict END AS verdict, d.attempts, d.last_status_code AS "lastStatusCode",
  d.last_error AS "lastError", ${iso('d.last_attempt_at')} AS "lastAttemptAt", ${iso('d.delivered_at')} AS "deliveredAt",
  ${iso('d.created_at')} AS "createdAt"`;

@Injectable()
export class WebhookRepository {
  constructor(private readonly sql: Sql) {}

  get(projectId: string): Promise<StoredWebhook | null> {
    return this.sql.one<StoredWebhook>(
      `SELECT url, ${iso('created_at')} AS "createdAt", ${iso('updated_at')} AS "updatedAt" FROM project_webhooks WHERE project_id = $1`,
      [projectId],
    );
  }

  async put(projectId: string, url: string, secret: string): Promise<StoredWebhook> {
    const row = await this.sql.one<StoredWebhook>(
      `INSERT INTO project_webhooks (project_id, url, secret) VALUES ($1, $2, $3)
       ON CONFLICT (project_id) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret, updated_at = now()
       RETURNING url, ${iso('created_at')} AS "createdAt", ${iso('updated_at')} AS "updatedAt"`,
      [projectId, url, secret],
    );
    return row as StoredWebhook;
  }

  async remove(projectId: string): Promise<boolean> {
    const r = await this.sql.pool.query(`DELETE FROM project_webhooks WHERE project_id = $1`, [projectId]);
    return (r.rowCount ?? 0) > 0;
  }

  /** Deliveries in the status, oldest first, after the cursor (a delivery's seq). */
  async page(projectId: string, status: WebhookDeliveryStatus, after: string | undefined, limit: number): Promise<{ rows: StoredDelivery[]; cursor: string | null }> {
    const rows = await this.sql.many<StoredDelivery>(
      `SELECT ${DELIVERY_COLUMNS}
         FROM webhook_deliveries d
         LEFT JOIN production_reviews r ON r.id = d.review_id
         LEFT JOIN production_predictions p ON p.id = r.prediction_id
        WHERE d.project_id = $1 AND d.status = $2 AND d.seq > $3::bigint
        ORDER BY d.seq LIMIT $4`,
      [projectId, status, after ?? '0', limit + 1],
    );
    const more = rows.length > limit;
    const shown = rows.slice(0, limit);
    return { rows: shown, cursor: more ? shown[shown.length - 1].seq : null };
  }

  /** A dead delivery becomes pending again under a new generation (its job id); anything else is refused. */
  async revive(projectId: string, deliveryId: string): Promise<{ kind: 'revived'; generation: number } | { kind: 'not-found' } | { kind: 'not-dead'; status: WebhookDeliveryStatus }> {
    return this.sql.tx(async (c) => {
      const { rows } = await c.query<{ status: WebhookDeliveryStatus }>(`SELECT status FROM webhook_deliveries WHERE id = $1 AND project_id = $2 FOR UPDATE`, [deliveryId, projectId]);
      if (!rows[0]) return { kind: 'not-found' as const };
      if (rows[0].status !== 'dead') return { kind: 'not-dead' as const, status: rows[0].status };
      const { rows: out } = await c.query<{ generation: number }>(
        `UPDATE webhook_deliveries SET status = 'pending', generation = generation + 1, sending_until = NULL WHERE id = $1 RETURNING generation`,
        [deliveryId],
      );
      return { kind: 'revived' as const, generation: out[0].generation };
    });
  }

  /**
   * Claims a pending delivery for one send of at most `leaseMs` (then another sender may take it over), with the
   * project's webhook as it is now. A delivery whose project has no webhook any more becomes dead.
   */
  claim(deliveryId: string, leaseMs: number): Promise<Claim> {
    return this.sql.tx(async (c) => {
      const { rows } = await c.query<{ status: WebhookDeliveryStatus; busy: boolean; event: StoredDelivery['event']; body: string; url: string | null; secret: string | null }>(
        `SELECT d.status, (d.sending_until IS NOT NULL AND d.sending_until > now()) AS busy, d.event, d.body, w.url, w.secret
           FROM webhook_deliveries d LEFT JOIN project_webhooks w ON w.project_id = d.project_id
          WHERE d.id = $1 FOR UPDATE OF d`,
        [deliveryId],
      );
      const row = rows[0];
      if (!row || row.status !== 'pending') return { kind: 'done' as const };
      if (row.busy) return { kind: 'busy' as const };
      if (row.url === null || row.secret === null) {
        await c.query(`UPDATE webhook_deliveries SET status = 'dead', last_error = 'the project has no webhook', sending_until = NULL WHERE id = $1`, [deliveryId]);
        return { kind: 'no-webhook' as const };
      }
      await c.query(`UPDATE webhook_deliveries SET sending_until = now() + $2 * interval '1 millisecond' WHERE id = $1`, [deliveryId, leaseMs]);
      return { kind: 'send' as const, event: row.event, body: row.body, url: row.url, secret: row.secret };
    });
  }

  /** Records one send and releases the claim: delivered on a 2xx, dead after a failed last attempt, else pending. */
  async recordAttempt(deliveryId: string, a: AttemptResult): Promise<void> {
    await this.sql.pool.query(
      `UPDATE webhook_deliveries
          SET attempts = attempts + 1, last_status_code = $2, last_error = $3, last_attempt_at = now(), sending_until = NULL,
              status = CASE WHEN $4 THEN 'delivered' WHEN $5 THEN 'dead' ELSE 'pending' END,
              delivered_at = CASE WHEN $4 THEN now() END
        WHERE id = $1 AND status = 'pending'`,
      [deliveryId, a.statusCode, a.error, a.delivered, a.final],
    );
  }

  /** Pending deliveries no send holds now, in seq order after `afterSeq`: the sweeper makes sure each has a job. */
  unclaimedPending(afterSeq: string, limit: number): Promise<{ seq: string; projectId: string; deliveryId: string; generation: number }[]> {
    return this.sql.many(
      `SELECT seq::text AS seq, project_id AS "projectId", id AS "deliveryId", generation FROM webhook_deliveries
        WHERE status = 'pending' AND (sending_until IS NULL OR sending_until < now()) AND seq > $1::bigint
        ORDER BY seq LIMIT $2`,
      [afterSeq, limit],
    );
  }
}
