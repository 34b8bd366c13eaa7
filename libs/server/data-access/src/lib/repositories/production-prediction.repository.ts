// Production predictions, their decisions (the audit record) and the reviews they open. A request's decisions are
// written in one transaction: all of them with their reviews, or none.
import { Injectable } from '@nestjs/common';
import type { RouteReasonView } from '@arbiter/contracts';
import type { Queryable } from '../sql';
import { Sql } from '../sql';

export interface NewDecision {
  clientPredictionId: string;
  requestHash: string;
  itemId: string | null;
  itemText: string | null;
  itemMetadata: Record<string, unknown>;
  modelName: string;
  modelVersion: string;
  probs: number[];
  /** The item's embedding the service sent (similar-case routing), or null. */
  embedding: number[] | null;
  calibratedProbs: number[];
  expectedCosts: number[];
  reviewCost: number;
  label: number;
  decidedAction: 'act' | 'review';
  shadow: boolean;
  reasons: RouteReasonView[];
  policyVersion: number;
  /** The review opened for it (routed, not in shadow mode), else null. */
  reviewId: string | null;
}

/** A decision as stored: what was written (but the raw probabilities), with its review's state. */
export interface StoredDecision extends Omit<NewDecision, 'probs' | 'embedding'> {
  id: string;
  createdAt: string;
  reviewStatus: 'open' | 'decided' | 'expired' | null;
  verdict: 'accept' | 'correct' | 'reject' | null;
  verdictLabel: number | null;
  decidedAt: string | null;
  /** The review's SLA deadline, and its escalation once the deadline passed. */
  reviewDeadline: string | null;
  escalation: 'act' | 'senior' | 'wait' | null;
  escalatedAt: string | null;
  pool: 'reviewers' | 'senior' | null;
}

/** What capacity pricing reads: the queue, the last hour's arrivals, and recent predictions' raw probabilities. */
export interface CapacityReadings {
  queueLength: number;
  arrivalsPerHour: number;
  /** Of the last hour's predictions, those routed by rules, floors or audits rather than by cost. */
  reservedPerHour: number;
  recentProbs: number[][];
}

export type RecordOutcome =
  /** `opened`: reviews this request opened (a retry opens none). */
  | { kind: 'ok'; decisions: StoredDecision[]; opened: number }
  /** Items named by id that are not the project's: indexes into the request. */
  | { kind: 'missing-items'; indexes: number[] }
  /** A prediction id stored earlier with another body: its index in the request. */
  | { kind: 'conflict'; index: number };

class Refused extends Error {
  constructor(readonly outcome: Exclude<RecordOutcome, { kind: 'ok' }>) {
    super(outcome.kind);
  }
}

export const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export const DECISION_COLUMNS = `p.id::text AS id, p.client_prediction_id AS "clientPredictionId", p.request_hash AS "requestHash",
  p.item_id::text AS "itemId", p.item_text AS "itemText", p.item_metadata AS "itemMetadata", p.model_name AS "modelName",
  p.model_version AS "modelVersion", p.calibrated_probs AS "calibratedProbs", p.expected_costs AS "expectedCosts",
  p.review_cost AS "reviewCost", p.label, p.decided_action AS "decidedAction", p.shadow, p.reasons,
  p.policy_version AS "policyVersion", ${iso('p.created_at')} AS "createdAt", r.id AS "reviewId", r.status AS "reviewStatus",
  r.verdict, r.verdict_label AS "verdictLabel", ${iso('r.decided_at')} AS "decidedAt",
  ${iso('r.deadline_at')} AS "reviewDeadline", r.escalation, ${iso('r.escalated_at')} AS "escalatedAt", r.pool`;

@Injectable()
export class ProductionPredictionRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Records the decisions (one per distinct prediction id; the caller dedupes) with their reviews. A prediction id
   * already stored is not written again: its stored decision is answered when the body hash matches, and the whole
   * request is refused when it does not. Concurrent requests with one id: the later insert waits for the earlier
   * transaction and then finds its row.
   */
  record(projectId: string, rows: NewDecision[], by: { userId?: string; keyId?: string }, slaMinutes: number | null = null): Promise<RecordOutcome> {
    return this.sql.tx(async (c) => {
      const itemIds = [...new Set(rows.flatMap((r) => (r.itemId === null ? [] : [r.itemId])))];
      if (itemIds.length) {
        const { rows: found } = await c.query<{ id: string }>(`SELECT id::text AS id FROM items WHERE project_id = $1 AND id = ANY($2::bigint[])`, [projectId, itemIds]);
        const known = new Set(found.map((f) => f.id));
        const missing = rows.flatMap((r, i) => (r.itemId !== null && !known.has(r.itemId) ? [i] : []));
        if (missing.length) throw new Refused({ kind: 'missing-items', indexes: missing });
      }
      const payload = rows.map((r) => ({
        client_prediction_id: r.clientPredictionId,
        request_hash: r.requestHash,
        item_id: r.itemId,
        item_text: r.itemText,
        item_metadata: r.itemMetadata,
        model_name: r.modelName,
        model_version: r.modelVersion,
        probs: r.probs,
        embedding: r.embedding,
        calibrated_probs: r.calibratedProbs,
        expected_costs: r.expectedCosts,
        review_cost: r.reviewCost,
        label: r.label,
        decided_action: r.decidedAction,
        shadow: r.shadow,
        reasons: r.reasons,
        policy_version: r.policyVersion,
        review_id: r.reviewId,
      }));
      const { rows: inserted } = await c.query<{ id: string; clientPredictionId: string; createdAt: string }>(
        `INSERT INTO production_predictions (project_id, client_prediction_id, request_hash, item_id, item_text, item_metadata, model_name,
           model_version, probs, embedding, calibrated_probs, expected_costs, review_cost, label, decided_action, shadow, reasons, policy_version,
           created_by, created_by_key)
         SELECT $1, r.client_prediction_id, r.request_hash, r.item_id, r.item_text, coalesce(r.item_metadata, '{}'::jsonb), r.model_name,
                r.model_version, r.probs, r.embedding, r.calibrated_probs, r.expected_costs, r.review_cost, r.label, r.decided_action, r.shadow,
                r.reasons, r.policy_version, $3, $4
           FROM jsonb_to_recordset($2::jsonb) AS r(client_prediction_id text, request_hash text, item_id bigint, item_text text,
                item_metadata jsonb, model_name text, model_version text, probs float8[], embedding real[], calibrated_probs float8[],
                expected_costs float8[], review_cost float8, label smallint, decided_action text, shadow boolean, reasons jsonb,
                policy_version integer)
         ON CONFLICT (project_id, client_prediction_id) DO NOTHING
         RETURNING id::text AS id, client_prediction_id AS "clientPredictionId", ${iso('created_at')} AS "createdAt"`,
        [projectId, JSON.stringify(payload), by.userId ?? null, by.keyId ?? null],
      );
      const newRows = new Map(inserted.map((r) => [r.clientPredictionId, r]));
      const reviews = rows.filter((r) => r.reviewId !== null && newRows.has(r.clientPredictionId));
      const deadlines = new Map<string, string | null>();
      if (reviews.length) {
        const { rows: opened } = await c.query<{ id: string; deadline: string | null }>(
          `INSERT INTO production_reviews (id, project_id, prediction_id, deadline_at)
           SELECT unnest($2::uuid[]), $1, unnest($3::bigint[]), now() + make_interval(mins => $4::int)
           RETURNING id::text, ${iso('deadline_at')} AS deadline`,
          [projectId, reviews.map((r) => r.reviewId), reviews.map((r) => newRows.get(r.clientPredictionId)?.id), slaMinutes],
        );
        for (const o of opened) deadlines.set(o.id, o.deadline);
      }
      // Every prediction new (the usual case): the decisions are what was written, without reading them back.
      if (inserted.length === rows.length) {
        return {
          kind: 'ok' as const,
          decisions: rows.map(({ probs: _probs, embedding: _embedding, ...r }): StoredDecision => {
            const row = newRows.get(r.clientPredictionId) as { id: string; createdAt: string };
            const open = r.reviewId !== null;
            return {
              ...r, id: row.id, createdAt: row.createdAt, reviewStatus: open ? 'open' : null, verdict: null, verdictLabel: null, decidedAt: null,
              reviewDeadline: open ? (deadlines.get(r.reviewId as string) ?? null) : null, escalation: null, escalatedAt: null, pool: open ? 'reviewers' : null,
            };
          }),
          opened: reviews.length,
        };
      }
      const stored = await this.byClientIds(c, projectId, rows.map((r) => r.clientPredictionId));
      const byId = new Map(stored.map((s) => [s.clientPredictionId, s]));
      const conflict = rows.findIndex((r) => byId.get(r.clientPredictionId)?.requestHash !== r.requestHash);
      // Thrown, so the transaction rolls back: nothing of a refused request is written.
      if (conflict >= 0) throw new Refused({ kind: 'conflict', index: conflict });
      return { kind: 'ok' as const, decisions: rows.map((r) => byId.get(r.clientPredictionId) as StoredDecision), opened: reviews.length };
    }).catch((err: unknown) => {
      if (err instanceof Refused) return err.outcome;
      throw err;
    });
  }

  /** The readings behind the review price now; `sample` recent predictions' probabilities, newest first. */
  async capacityReadings(projectId: string, sample: number): Promise<CapacityReadings> {
    const [counts, recent] = await Promise.all([
      this.sql.many<{ queue: number; arrivals: number; reserved: number }>(
        `SELECT (SELECT count(*)::int FROM production_reviews WHERE project_id = $1 AND status = 'open') AS queue,
                count(*)::int AS arrivals,
                count(*) FILTER (WHERE reasons <> '[]'::jsonb AND NOT reasons @> '[{"kind":"expected-cost"}]'::jsonb)::int AS reserved
           FROM production_predictions WHERE project_id = $1 AND created_at > now() - interval '1 hour'`,
        [projectId],
      ),
      this.sql.many<{ probs: number[] }>(
        `SELECT probs FROM production_predictions WHERE project_id = $1 ORDER BY created_at DESC LIMIT $2`,
        [projectId, sample],
      ),
    ]);
    const c = counts[0];
    return { queueLength: c.queue, arrivalsPerHour: c.arrivals, reservedPerHour: c.reserved, recentProbs: recent.map((r) => r.probs) };
  }

  /**
   * Reviewed predictions of a model that carry an embedding, the latest `limit` by verdict time: each one's
   * embedding and whether the verdict overturned the model (corrected its label or rejected the input).
   */
  reviewedEmbeddings(projectId: string, modelName: string, limit: number): Promise<{ embedding: number[]; overturned: boolean }[]> {
    return this.sql.many(
      `SELECT p.embedding, r.verdict <> 'accept' AS overturned
         FROM production_reviews r JOIN production_predictions p ON p.id = r.prediction_id
        WHERE r.project_id = $1 AND r.status = 'decided' AND p.model_name = $2 AND p.embedding IS NOT NULL
        ORDER BY r.decided_at DESC LIMIT $3`,
      [projectId, modelName, limit],
    );
  }

  async find(projectId: string, clientPredictionId: string): Promise<StoredDecision | null> {
    return (await this.byClientIds(this.sql.pool, projectId, [clientPredictionId]))[0] ?? null;
  }

  private async byClientIds(q: Queryable, projectId: string, ids: string[]): Promise<StoredDecision[]> {
    const { rows } = await q.query<StoredDecision>(
      `SELECT ${DECISION_COLUMNS}
         FROM production_predictions p LEFT JOIN production_reviews r ON r.prediction_id = p.id
        WHERE p.project_id = $1 AND p.client_prediction_id = ANY($2::text[])`,
      [projectId, ids],
    );
    return rows;
  }
}
