// Active-learning rounds: opened one at a time per project (a partial unique index), trained, scored chunk by
// chunk over a pool snapshot fixed when training ends, then closed by the selection (SelectionRepository).
// Every transition names the state it leaves, so a retried job moves a round at most once.
import { Injectable } from '@nestjs/common';
import { DEFAULT_ACTIVE_LEARNING_SETTINGS, type AlStrategy } from '@arbiter/contracts';
import { Sql } from '../sql';
import { insertModel, type ModelRow, type NewModel } from './model.repository';

export const AL_IN_FLIGHT = ['queued', 'training', 'scoring', 'selecting'] as const;
export type AlRoundStatus = (typeof AL_IN_FLIGHT)[number] | 'done' | 'failed';
export type AlRoundTrigger = 'manual' | 'labels' | 'lf-change' | 'schedule';

export interface AlRoundRow {
  id: string;
  projectId: string;
  status: AlRoundStatus;
  trigger: AlRoundTrigger;
  strategy: AlStrategy;
  usedStrategy: AlStrategy | null;
  batchSize: number;
  modelId: string | null;
  modelVersion: number | null;
  labelsAtStart: number;
  poolSize: number;
  scored: number;
  selected: number;
  chunksTotal: number;
  chunksDone: number;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface AlChunkRow {
  chunk: number;
  fromId: string;
  toId: string;
  items: number;
  done: boolean;
}

const COLUMNS = `r.id, r.project_id AS "projectId", r.status, r.trigger, r.strategy, r.used_strategy AS "usedStrategy",
  r.batch_size AS "batchSize", r.model_id AS "modelId", r.model_version AS "modelVersion",
  r.labels_at_start::float8 AS "labelsAtStart", r.pool_size AS "poolSize", r.scored, r.selected,
  r.chunks_total AS "chunksTotal", r.chunks_done AS "chunksDone", r.error, r.created_at AS "createdAt", r.finished_at AS "finishedAt"`;

const IN_FLIGHT_SQL = `('queued', 'training', 'scoring', 'selecting')`;

// The project's labels by people: annotations, read from the maintained counters (no scan of annotations), and
// review decisions (a reviewer's gold is a new label too; decided reviews are counted on their partial index).
const ANNOTATIONS = `(coalesce((SELECT sum(value) FROM project_counters WHERE project_id = $1 AND dimension = 'annotator'), 0)
  + (SELECT count(*) FROM review_queue WHERE project_id = $1 AND status = 'decided'))`;

@Injectable()
export class AlRoundRepository {
  constructor(private readonly sql: Sql) {}

  /** Opens a queued round, or answers the round already in flight (one per project). */
  async open(
    projectId: string,
    round: { trigger: AlRoundTrigger; strategy: AlStrategy; batchSize: number },
  ): Promise<{ opened: AlRoundRow } | { inFlight: AlRoundRow }> {
    const { rows } = await this.sql.pool.query<AlRoundRow>(
      `INSERT INTO al_rounds AS r (project_id, trigger, strategy, batch_size, labels_at_start)
       VALUES ($1, $2, $3, $4, ${ANNOTATIONS})
       ON CONFLICT (project_id) WHERE status IN ${IN_FLIGHT_SQL} DO NOTHING
       RETURNING ${COLUMNS}`,
      [projectId, round.trigger, round.strategy, round.batchSize],
    );
    if (rows[0]) return { opened: rows[0] };
    const inFlight = await this.inFlight(projectId);
    // Finished between the insert and this read: try once more.
    return inFlight ? { inFlight } : this.open(projectId, round);
  }

  async get(roundId: string): Promise<AlRoundRow | null> {
    return this.sql.one<AlRoundRow>(`SELECT ${COLUMNS} FROM al_rounds r WHERE r.id = $1`, [roundId]);
  }

  async inFlight(projectId: string): Promise<AlRoundRow | null> {
    return this.sql.one<AlRoundRow>(`SELECT ${COLUMNS} FROM al_rounds r WHERE r.project_id = $1 AND r.status IN ${IN_FLIGHT_SQL}`, [projectId]);
  }

  /** The most recent rounds, newest first. */
  async list(projectId: string, limit: number): Promise<AlRoundRow[]> {
    return this.sql.many<AlRoundRow>(`SELECT ${COLUMNS} FROM al_rounds r WHERE r.project_id = $1 ORDER BY r.created_at DESC, r.id LIMIT $2`, [
      projectId,
      limit,
    ]);
  }

  /**
   * Whether enough labels arrived since the last round opened to start one (`afterNewLabels` in the settings):
   * a few index lookups, cheap enough to ask after every submission. False while a round is in flight.
   */
  async labelsDue(projectId: string): Promise<boolean> {
    // A project whose settings were never read has none stored yet: the contract's default applies.
    const row = await this.sql.one<{ due: boolean }>(
      `SELECT coalesce(s.retrain_after_new_labels, CASE WHEN s.project_id IS NULL THEN $2::int END) IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM al_rounds WHERE project_id = $1 AND status IN ${IN_FLIGHT_SQL})
              AND ${ANNOTATIONS} - coalesce((SELECT labels_at_start FROM al_rounds WHERE project_id = $1 ORDER BY created_at DESC LIMIT 1), 0)
                  >= coalesce(s.retrain_after_new_labels, $2::int) AS due
         FROM projects p LEFT JOIN al_settings s ON s.project_id = p.id WHERE p.id = $1`,
      [projectId, DEFAULT_ACTIVE_LEARNING_SETTINGS.retrain.afterNewLabels],
    );
    return row?.due ?? false;
  }

  /** queued → training (a retried job finds it training already). Null when the round is past training. */
  async markTraining(roundId: string): Promise<AlRoundRow | null> {
    return this.sql.one<AlRoundRow>(
      `UPDATE al_rounds r SET status = 'training' WHERE id = $1 AND status IN ('queued', 'training') RETURNING ${COLUMNS}`,
      [roundId],
    );
  }

  /**
   * training → scoring, in one transaction: stores the trained model as the project's next version (or, on a
   * cold start, the round's features), fixes the pool snapshot (every item of the project now, in id-ordered
   * chunks of `chunkSize`) and moves the round on. Null when the round was not training (a retry after success).
   */
  async startScoring(
    roundId: string,
    trained: { model: NewModel; features?: undefined } | { model?: undefined; features: Buffer },
    chunkSize: number,
  ): Promise<{ round: AlRoundRow; model: ModelRow | null; chunks: AlChunkRow[] } | null> {
    return this.sql.tx(async (c) => {
      const { rows: locked } = await c.query<{ projectId: string }>(
        `SELECT project_id AS "projectId" FROM al_rounds WHERE id = $1 AND status = 'training' FOR UPDATE`,
        [roundId],
      );
      if (!locked[0]) return null;
      const projectId = locked[0].projectId;
      const model = trained.model ? await insertModel(c, projectId, trained.model) : null;
      const { rows: chunks } = await c.query<Omit<AlChunkRow, 'done'>>(
        `SELECT c::int AS chunk, min(id)::text AS "fromId", max(id)::text AS "toId", count(*)::int AS items
           FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1) / $2 AS c FROM items WHERE project_id = $1) t
          GROUP BY c ORDER BY c`,
        [projectId, chunkSize],
      );
      if (chunks.length) {
        await c.query(
          `INSERT INTO al_round_chunks (round_id, chunk, from_id, to_id, items)
           SELECT $1, * FROM unnest($2::int[], $3::bigint[], $4::bigint[], $5::int[])`,
          [roundId, chunks.map((ch) => ch.chunk), chunks.map((ch) => ch.fromId), chunks.map((ch) => ch.toId), chunks.map((ch) => ch.items)],
        );
      }
      const { rows } = await c.query<AlRoundRow>(
        `UPDATE al_rounds r SET status = 'scoring', model_id = $2, model_version = $3, features = $4,
                pool_size = $5, chunks_total = $6
          WHERE id = $1 RETURNING ${COLUMNS}`,
        [roundId, model?.id ?? null, model?.version ?? null, trained.features ?? null, chunks.reduce((s, ch) => s + ch.items, 0), chunks.length],
      );
      return { round: rows[0], model, chunks: chunks.map((ch) => ({ ...ch, done: false })) };
    });
  }

  async chunks(roundId: string): Promise<AlChunkRow[]> {
    return this.sql.many<AlChunkRow>(
      `SELECT chunk, from_id::text AS "fromId", to_id::text AS "toId", items, done_at IS NOT NULL AS done
         FROM al_round_chunks WHERE round_id = $1 ORDER BY chunk`,
      [roundId],
    );
  }

  async chunk(roundId: string, chunk: number): Promise<AlChunkRow | null> {
    return this.sql.one<AlChunkRow>(
      `SELECT chunk, from_id::text AS "fromId", to_id::text AS "toId", items, done_at IS NOT NULL AS done
         FROM al_round_chunks WHERE round_id = $1 AND chunk = $2`,
      [roundId, chunk],
    );
  }

  /** A cold-start round's IDF table and embedding model (a round with a model reads them from its artifact). */
  async features(roundId: string): Promise<Buffer | null> {
    const row = await this.sql.one<{ features: Buffer | null }>(`SELECT features FROM al_rounds WHERE id = $1`, [roundId]);
    return row?.features ?? null;
  }

  /** scoring → selecting. Null when the round is not scoring or selecting (a retry after it closed). */
  async markSelecting(roundId: string): Promise<AlRoundRow | null> {
    return this.sql.one<AlRoundRow>(
      `UPDATE al_rounds r SET status = 'selecting' WHERE id = $1 AND status IN ('scoring', 'selecting') RETURNING ${COLUMNS}`,
      [roundId],
    );
  }

  /** Closes an in-flight round as failed, saying why; its selections are not written, the queue keeps the last. */
  async fail(roundId: string, error: string): Promise<AlRoundRow | null> {
    return this.sql.one<AlRoundRow>(
      `UPDATE al_rounds r SET status = 'failed', error = $2, finished_at = now()
        WHERE id = $1 AND status IN ${IN_FLIGHT_SQL} RETURNING ${COLUMNS}`,
      [roundId, error.slice(0, 2000)],
    );
  }
}
