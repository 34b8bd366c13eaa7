// Reviews of routed production predictions: the open queue (keyset by prediction id), leases on it as task_slots
// have for annotation (claims with FOR UPDATE SKIP LOCKED, expiry from the database clock), and the one verdict each.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Sql } from '../sql';
import { DECISION_COLUMNS, iso, type StoredDecision } from './production-prediction.repository';
import { insertVerdictDelivery } from './webhook.repository';

export type Verdict = 'accept' | 'correct' | 'reject';

/** A review as stored, with its lease while one is live (an expired lease reads as none). */
export interface StoredReview extends StoredDecision {
  trainedOnSnapshot: number | null;
  leasedBy: string | null;
  leaseExpiresAt: string | null;
}

/** Filters on the prediction: its model version, and the label the model suggested. */
export interface ReviewFilters {
  modelVersion?: string;
  label?: number;
}

const LIVE = `r.status = 'open' AND r.lease_expires_at > now()`;
const REVIEW_COLUMNS = `${DECISION_COLUMNS}, CASE WHEN ${LIVE} THEN r.leased_by END AS "leasedBy",
  CASE WHEN ${LIVE} THEN ${iso('r.lease_expires_at')} END AS "leaseExpiresAt",
  (SELECT s.version FROM production_model_lineage ml JOIN snapshots s ON s.id = ml.snapshot_id
    WHERE ml.project_id = p.project_id AND ml.model_name = p.model_name AND ml.model_version = p.model_version) AS "trainedOnSnapshot"`;
/** The filters as SQL over p, with their values as parameters $from and $from+1. */
const filtered = (from: number) => `($${from}::text IS NULL OR p.model_version = $${from}) AND ($${from + 1}::int IS NULL OR p.label = $${from + 1})`;

export type VerdictOutcome =
  /** `deliveryId`: the webhook delivery queued with the verdict, when the project has a webhook. */
  | { kind: 'decided'; decision: StoredDecision; goldItemId: string | null; deliveryId: string | null }
  | { kind: 'not-found' }
  | { kind: 'already-decided' }
  /** Its SLA deadline passed and the project's escalation acted on the model's label. */
  | { kind: 'expired'; escalatedAt: string }
  /** Escalated to the senior pool, and the reviewer is not in it. */
  | { kind: 'senior-only' }
  /** Another reviewer holds it under a live lease. */
  | { kind: 'leased-to-another'; expiresAt: string };

/** A review escalated by the SLA sweep. */
export interface EscalatedReview {
  projectId: string;
  reviewId: string;
  escalation: 'act' | 'senior' | 'wait';
  /** The webhook delivery queued with the escalation, when the project has a webhook. */
  deliveryId: string | null;
}

@Injectable()
export class ProductionReviewRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Reviews in the status that pass the filters, oldest prediction first, after the cursor (a prediction row id).
   * `senior`: include reviews escalated to the senior pool (for engineers and owners).
   */
  async page(
    projectId: string,
    status: 'open' | 'decided' | 'expired',
    after: string | undefined,
    limit: number,
    senior = true,
    filters: ReviewFilters = {},
  ): Promise<{ rows: StoredReview[]; cursor: string | null }> {
    const rows = await this.sql.many<StoredReview>(
      `SELECT ${REVIEW_COLUMNS}
         FROM production_reviews r JOIN production_predictions p ON p.id = r.prediction_id
        WHERE r.project_id = $1 AND r.status = $2 AND r.prediction_id > $3::bigint AND ($5 OR r.pool = 'reviewers') AND ${filtered(6)}
        ORDER BY r.prediction_id LIMIT $4`,
      [projectId, status, after ?? '0', limit + 1, senior, filters.modelVersion ?? null, filters.label ?? null],
    );
    const more = rows.length > limit;
    const shown = rows.slice(0, limit);
    return { rows: shown, cursor: more ? shown[shown.length - 1].id : null };
  }

  /**
   * Renews the reviewer's leases on open reviews that pass the filters and releases their others (so a reviewer who
   * narrows the filter does not sit on reviews they will not see, nor a reviewer on one escalated to the senior
   * pool), then claims the oldest free ones (never leased, or expired) of the pools they review until `count` are
   * held. Concurrent claims skip the rows another claim has locked, so no review is handed to two reviewers; one
   * reviewer's claims run one at a time (an advisory lock), as for tasks.
   */
  claim(projectId: string, reviewer: { userId: string; senior: boolean }, filters: ReviewFilters, count: number, leaseSeconds: number): Promise<StoredReview[]> {
    const { userId, senior } = reviewer;
    return this.sql.tx(async (c) => {
      await c.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`review-claim:${projectId}:${userId}`]);
      await c.query(
        `UPDATE production_reviews r SET leased_by = NULL, leased_at = NULL, lease_expires_at = NULL
           FROM production_predictions p
          WHERE p.id = r.prediction_id AND r.project_id = $1 AND r.leased_by = $2 AND r.status = 'open'
            AND (NOT (${filtered(3)}) OR NOT ($5 OR r.pool = 'reviewers'))`,
        [projectId, userId, filters.modelVersion ?? null, filters.label ?? null, senior],
      );
      const held = await c.query(
        `UPDATE production_reviews SET lease_expires_at = now() + make_interval(secs => $3)
          WHERE project_id = $1 AND leased_by = $2 AND status = 'open'`,
        [projectId, userId, leaseSeconds],
      );
      const wanted = count - (held.rowCount ?? 0);
      if (wanted > 0) {
        await c.query(
          `WITH pick AS (
             SELECT r.id FROM production_reviews r JOIN production_predictions p ON p.id = r.prediction_id
              WHERE r.project_id = $1 AND r.status = 'open' AND (r.lease_expires_at IS NULL OR r.lease_expires_at <= now())
                AND ($7 OR r.pool = 'reviewers') AND ${filtered(5)}
              ORDER BY r.prediction_id
              LIMIT $4
              FOR UPDATE OF r SKIP LOCKED)
           UPDATE production_reviews r SET leased_by = $2, leased_at = now(), lease_expires_at = now() + make_interval(secs => $3)
             FROM pick WHERE r.id = pick.id`,
          [projectId, userId, leaseSeconds, wanted, filters.modelVersion ?? null, filters.label ?? null, senior],
        );
      }
      const { rows } = await c.query<StoredReview>(
        `SELECT ${REVIEW_COLUMNS}
           FROM production_reviews r JOIN production_predictions p ON p.id = r.prediction_id
          WHERE r.project_id = $1 AND r.leased_by = $2 AND r.status = 'open'
          ORDER BY r.prediction_id`,
        [projectId, userId],
      );
      return rows;
    });
  }

  /** Open reviews of the project in the pools the caller reviews, by model version, most first (ties by version). */
  async openByModelVersion(projectId: string, senior: boolean): Promise<{ version: string; count: number }[]> {
    return this.sql.many<{ version: string; count: number }>(
      `SELECT p.model_version AS version, count(*)::int AS count
         FROM production_reviews r JOIN production_predictions p ON p.id = r.prediction_id
        WHERE r.project_id = $1 AND r.status = 'open' AND ($2 OR r.pool = 'reviewers')
        GROUP BY p.model_version ORDER BY count(*) DESC, p.model_version`,
      [projectId, senior],
    );
  }

  /**
   * Records the verdict, once: two reviewers racing, the second hears 'already-decided'. Unless rejected, the true
   * label becomes the gold of the item the prediction was about (when it names one), with provenance; for a
   * prediction sent with its text, the verdict on the review is that record's gold. When the project has a webhook,
   * its delivery (the body `webhookBody` makes) is queued in the same transaction: a verdict is never stored without
   * it, nor it without the verdict.
   */
  decide(
    projectId: string,
    reviewId: string,
    verdict: Verdict,
    correctedLabel: number | null,
    reviewer: { userId: string; senior: boolean },
    webhookBody: (decision: StoredDecision, deliveryId: string) => string,
  ): Promise<VerdictOutcome> {
    const reviewerId = reviewer.userId;
    return this.sql.tx(async (c) => {
      // FOR UPDATE orders this against the SLA sweep: whichever locks the review first wins, the other sees its result.
      const { rows } = await c.query<{
        status: string;
        pool: string;
        escalatedAt: string | null;
        label: number;
        itemId: string | null;
        leasedBy: string | null;
        leaseExpiresAt: string | null;
      }>(
        `SELECT r.status, r.pool, ${iso('r.escalated_at')} AS "escalatedAt", p.label, p.item_id::text AS "itemId",
                CASE WHEN ${LIVE} THEN r.leased_by END AS "leasedBy", ${iso('r.lease_expires_at')} AS "leaseExpiresAt"
           FROM production_reviews r JOIN production_predictions p ON p.id = r.prediction_id
          WHERE r.id = $2 AND r.project_id = $1 FOR UPDATE OF r`,
        [projectId, reviewId],
      );
      const review = rows[0];
      if (!review) return { kind: 'not-found' as const };
      if (review.status === 'decided') return { kind: 'already-decided' as const };
      if (review.status === 'expired') return { kind: 'expired' as const, escalatedAt: review.escalatedAt as string };
      if (review.pool === 'senior' && !reviewer.senior) return { kind: 'senior-only' as const };
      // Another reviewer is working on it; a free (or expired) review may be decided by anyone.
      if (review.leasedBy !== null && review.leasedBy !== reviewerId) return { kind: 'leased-to-another' as const, expiresAt: review.leaseExpiresAt as string };
      const label = verdict === 'reject' ? null : verdict === 'accept' ? review.label : correctedLabel;
      await c.query(
        `UPDATE production_reviews SET status = 'decided', verdict = $2, verdict_label = $3, decided_by = $4, decided_at = now(),
                leased_by = NULL, leased_at = NULL, lease_expires_at = NULL
          WHERE id = $1`,
        [reviewId, verdict, label, reviewerId],
      );
      let goldItemId: string | null = null;
      if (label !== null && review.itemId !== null) {
        // Imported or adjudicated gold stays: a verdict on one production prediction does not overrule it.
        const set = await c.query(
          `UPDATE items SET gold = ARRAY[$3::smallint], gold_source = 'production-review', gold_by = $4, gold_at = now()
            WHERE id = $1 AND project_id = $2 AND (gold IS NULL OR gold_source = 'production-review')`,
          [review.itemId, projectId, label, reviewerId],
        );
        if (set.rowCount) goldItemId = review.itemId;
      }
      const { rows: out } = await c.query<StoredDecision>(
        `SELECT ${DECISION_COLUMNS} FROM production_reviews r JOIN production_predictions p ON p.id = r.prediction_id WHERE r.id = $1`,
        [reviewId],
      );
      const deliveryId = randomUUID();
      const queued = await insertVerdictDelivery(c, { deliveryId, projectId, reviewId, body: webhookBody(out[0], deliveryId) });
      return { kind: 'decided' as const, decision: out[0], goldItemId, deliveryId: queued ? deliveryId : null };
    });
  }

  /**
   * Escalates open reviews past their SLA deadline, at most `limit`, with each project's escalation setting now:
   * `act` closes the review as expired (the service acts on the model's label), `senior` moves it to the senior
   * pool, `wait` only records the breach. Each review is escalated once; a review a verdict holds is skipped and
   * the verdict wins.
   */
  async escalateOverdue(limit: number): Promise<EscalatedReview[]> {
    // One statement: the escalations and, for projects with a webhook, their `escalation` deliveries commit together.
    return this.sql.many<EscalatedReview>(
      `WITH due AS (
         SELECT r.id, coalesce(s.escalation, 'wait') AS escalation
           FROM production_reviews r LEFT JOIN routing_settings s ON s.project_id = r.project_id
          WHERE r.status = 'open' AND r.escalated_at IS NULL AND r.deadline_at <= now()
          ORDER BY r.deadline_at LIMIT $1
          FOR UPDATE OF r SKIP LOCKED),
       esc AS (
         UPDATE production_reviews r
            SET escalation = due.escalation, escalated_at = now(),
                status = CASE WHEN due.escalation = 'act' THEN 'expired' ELSE r.status END,
                pool = CASE WHEN due.escalation = 'senior' THEN 'senior' ELSE r.pool END
           FROM due WHERE r.id = due.id
         RETURNING r.project_id, r.id, r.prediction_id, due.escalation, r.escalated_at),
       dl AS (
         INSERT INTO webhook_deliveries (id, project_id, review_id, event, body)
         SELECT d.id, esc.project_id, esc.id, 'escalation',
                json_build_object('type', 'escalation', 'deliveryId', d.id, 'projectId', esc.project_id,
                  'predictionId', p.client_prediction_id, 'reviewId', esc.id, 'action', esc.escalation,
                  'label', p.label, 'labelName', pr.labels->p.label->>'name',
                  'escalatedAt', ${iso('esc.escalated_at')}, 'model', json_build_object('name', p.model_name, 'version', p.model_version))::text
           FROM esc
           JOIN project_webhooks w ON w.project_id = esc.project_id
           JOIN production_predictions p ON p.id = esc.prediction_id
           JOIN projects pr ON pr.id = esc.project_id
           CROSS JOIN LATERAL (SELECT gen_random_uuid() AS id) d
         RETURNING id, review_id)
       SELECT esc.project_id AS "projectId", esc.id AS "reviewId", esc.escalation, dl.id AS "deliveryId"
         FROM esc LEFT JOIN dl ON dl.review_id = esc.id`,
      [limit],
    );
  }
}
