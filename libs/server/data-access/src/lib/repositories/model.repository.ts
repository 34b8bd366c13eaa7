// Trained model versions: their summaries (the learning curve's points) and their self-contained artifacts.
// A version is written by the round that trained it (AlRoundRepository.startScoring), in the same transaction
// that moves the round on, so a retried training job never leaves a version without its round.
import { Injectable } from '@nestjs/common';
import type { ModelFeatures, ModelKind, ModelMetrics } from '@arbiter/contracts';
import type { Queryable } from '../sql';
import { Sql } from '../sql';

export interface NewModel {
  kind: ModelKind;
  backend: string;
  artifact: Buffer;
  trainingFingerprint: string;
  labelCount: number;
  metrics: ModelMetrics;
  features: ModelFeatures;
  /** The snapshot it was trained on (its train and valid rows; evaluated on its test gold). */
  snapshotId: string | null;
}

export interface ModelRow {
  id: string;
  projectId: string;
  version: number;
  kind: ModelKind;
  backend: string;
  trainingFingerprint: string;
  labelCount: number;
  metrics: ModelMetrics;
  /** Null for versions trained before features were recorded. */
  features: ModelFeatures | null;
  /** The snapshot it was trained on, as `t<N>`; null for versions trained before snapshots. */
  trainingSnapshot: string | null;
  createdAt: Date;
}

const COLUMNS = `m.id, m.project_id AS "projectId", m.version, m.kind, m.backend, m.training_fingerprint AS "trainingFingerprint",
  m.label_count AS "labelCount", m.metrics, m.features, m.created_at AS "createdAt",
  (SELECT 't' || s.version FROM snapshots s WHERE s.id = m.snapshot_id) AS "trainingSnapshot"`;

/** Inserts the project's next version inside the caller's transaction (versions are numbered under a lock). */
export async function insertModel(c: Queryable, projectId: string, m: NewModel): Promise<ModelRow> {
  await c.query(`SELECT pg_advisory_xact_lock(hashtextextended('arbiter-models:' || $1::text, 0))`, [projectId]);
  const { rows } = await c.query<ModelRow>(
    `INSERT INTO models AS m (project_id, version, kind, backend, artifact, training_fingerprint, label_count, metrics, features, snapshot_id)
     VALUES ($1, (SELECT coalesce(max(version), 0) + 1 FROM models WHERE project_id = $1), $2, $3, $4, $5, $6, $7, $8, $9)
     RETURNING ${COLUMNS}`,
    [projectId, m.kind, m.backend, m.artifact, m.trainingFingerprint, m.labelCount, JSON.stringify(m.metrics), JSON.stringify(m.features), m.snapshotId],
  );
  return rows[0];
}

@Injectable()
export class ModelRepository {
  constructor(private readonly sql: Sql) {}

  /** Every version of the project, newest first (artifacts stay in the database). */
  async list(projectId: string): Promise<ModelRow[]> {
    return this.sql.many<ModelRow>(`SELECT ${COLUMNS} FROM models m WHERE m.project_id = $1 ORDER BY m.version DESC`, [projectId]);
  }

  async latest(projectId: string): Promise<ModelRow | null> {
    return this.sql.one<ModelRow>(`SELECT ${COLUMNS} FROM models m WHERE m.project_id = $1 ORDER BY m.version DESC LIMIT 1`, [projectId]);
  }

  async artifact(modelId: string): Promise<Buffer | null> {
    const row = await this.sql.one<{ artifact: Buffer }>(`SELECT artifact FROM models WHERE id = $1`, [modelId]);
    return row?.artifact ?? null;
  }
}
