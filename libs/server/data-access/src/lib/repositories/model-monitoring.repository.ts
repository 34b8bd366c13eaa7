// What monitoring reads about one production model version: counts, the reviewed predictions with their verdicts,
// the latest and the first predictions (confidence, label, metadata), and the uploaded training reference.
import { Injectable } from '@nestjs/common';
import { Sql } from '../sql';
import { insertAlertDelivery } from './webhook.repository';

export interface MonitoredPrediction {
  calibratedProbs: number[];
  label: number;
  metadata: Record<string, unknown>;
}

export interface ReviewedPrediction {
  calibratedProbs: number[];
  label: number;
  verdict: 'accept' | 'correct' | 'reject';
  verdictLabel: number | null;
}

export interface ModelReferenceRow {
  confidences: number[];
  labelCounts: number[];
  metadata: Record<string, number[]>;
}

export interface ModelCounts {
  predictions: number;
  routed: number;
  /** Predictions per decided label. */
  byLabel: { label: number; n: number }[];
}

export interface ModelVersionRow {
  name: string;
  version: string;
  predictions: number;
  lastSeenAt: string;
}

@Injectable()
export class ModelMonitoringRepository {
  constructor(private readonly sql: Sql) {}

  /** The model versions that posted predictions, the latest seen first (by the model index: project, name, version). */
  versions(projectId: string, limit: number): Promise<ModelVersionRow[]> {
    return this.sql.many<ModelVersionRow>(
      `SELECT model_name AS name, model_version AS version, count(*)::int AS predictions, to_char(max(created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "lastSeenAt"
         FROM production_predictions WHERE project_id = $1 GROUP BY model_name, model_version ORDER BY max(created_at) DESC, model_name, model_version LIMIT $2`,
      [projectId, limit],
    );
  }

  async counts(projectId: string, name: string, version: string): Promise<ModelCounts> {
    const rows = await this.sql.many<{ label: number; n: number; routed: number }>(
      `SELECT label, count(*)::int AS n, count(*) FILTER (WHERE decided_action = 'review')::int AS routed
         FROM production_predictions WHERE project_id = $1 AND model_name = $2 AND model_version = $3 GROUP BY label ORDER BY label`,
      [projectId, name, version],
    );
    return {
      predictions: rows.reduce((s, r) => s + r.n, 0),
      routed: rows.reduce((s, r) => s + r.routed, 0),
      byLabel: rows.map((r) => ({ label: r.label, n: r.n })),
    };
  }

  reviewed(projectId: string, name: string, version: string): Promise<ReviewedPrediction[]> {
    return this.sql.many<ReviewedPrediction>(
      `SELECT p.calibrated_probs AS "calibratedProbs", p.label, r.verdict, r.verdict_label AS "verdictLabel"
         FROM production_predictions p JOIN production_reviews r ON r.prediction_id = p.id
        WHERE p.project_id = $1 AND p.model_name = $2 AND p.model_version = $3 AND r.status = 'decided'`,
      [projectId, name, version],
    );
  }

  /** The `limit` latest (or, `oldest`, first) predictions of the version, by arrival. */
  window(projectId: string, name: string, version: string, limit: number, oldest: boolean): Promise<MonitoredPrediction[]> {
    return this.sql.many<MonitoredPrediction>(
      `SELECT calibrated_probs AS "calibratedProbs", label, item_metadata AS metadata FROM production_predictions
        WHERE project_id = $1 AND model_name = $2 AND model_version = $3 ORDER BY id ${oldest ? 'ASC' : 'DESC'} LIMIT $4`,
      [projectId, name, version, limit],
    );
  }

  async reference(projectId: string, name: string, version: string): Promise<ModelReferenceRow | null> {
    const rows = await this.sql.many<ModelReferenceRow>(
      `SELECT confidences, label_counts AS "labelCounts", metadata FROM production_model_references
        WHERE project_id = $1 AND model_name = $2 AND model_version = $3`,
      [projectId, name, version],
    );
    return rows[0] ?? null;
  }

  async putReference(projectId: string, name: string, version: string, ref: ModelReferenceRow): Promise<void> {
    await this.sql.many(
      `INSERT INTO production_model_references (project_id, model_name, model_version, confidences, label_counts, metadata)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (project_id, model_name, model_version) DO UPDATE SET confidences = EXCLUDED.confidences,
         label_counts = EXCLUDED.label_counts, metadata = EXCLUDED.metadata, updated_at = now()`,
      [projectId, name, version, ref.confidences, ref.labelCounts, JSON.stringify(ref.metadata)],
    );
  }

  /** Model versions with predictions in the last hour, of projects with a webhook: those whose alerts are pushed. */
  activeVersionsWithWebhook(): Promise<{ projectId: string; modelName: string; modelVersion: string }[]> {
    return this.sql.many(
      `SELECT DISTINCT p.project_id AS "projectId", p.model_name AS "modelName", p.model_version AS "modelVersion"
         FROM production_predictions p JOIN project_webhooks w ON w.project_id = p.project_id
        WHERE p.created_at > now() - interval '1 hour'`,
    );
  }

  /** Queues an alert delivery unless one with this key was queued; the new delivery's id, or null. */
  queueAlert(projectId: string, alertKey: string, body: (deliveryId: string) => string): Promise<string | null> {
    return insertAlertDelivery(this.sql.pool, { projectId, alertKey, body });
  }
}
