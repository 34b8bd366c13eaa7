// Strategy replays (al_replays): created with the project's labeled set frozen into the row, advanced one
// strategy × seed result at a time by the worker, finished with the labels-to-reach summary or an error.
import { Injectable } from '@nestjs/common';
import { Sql } from '../sql';

export type ReplayStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ReplayResultRow {
  strategy: string;
  seed: number;
  fullAccuracy: number;
  points: { labels: number; accuracy: number }[];
}

export interface ReplayRow {
  id: string;
  projectId: string;
  status: ReplayStatus;
  request: unknown;
  labeledItems: number;
  runsDone: number;
  runsTotal: number;
  results: ReplayResultRow[];
  labelsToReach: Record<string, { p95: number | null; p98: number | null }>;
  error: string | null;
  createdBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** One frozen labeled item: its id, the label it had when the replay was created, and its text. */
export interface ReplayItemRow {
  id: string;
  label: number;
  text: string;
}

export type CreateReplayOutcome =
  | { outcome: 'created'; replay: ReplayRow }
  | { outcome: 'too-few'; labeled: number }
  | { outcome: 'busy'; active: ReplayRow | null };

// The arrays of the frozen set are left out: a row is read often (every progress event) and they can be long.
const COLUMNS = `r.id, r.project_id AS "projectId", r.status, r.request, cardinality(r.item_ids) AS "labeledItems",
  r.runs_done AS "runsDone", r.runs_total AS "runsTotal", r.results, r.labels_to_reach AS "labelsToReach", r.error,
  r.created_by AS "createdBy", r.created_at AS "createdAt", r.started_at AS "startedAt", r.finished_at AS "finishedAt"`;

// An item's label for a replay: its gold label, else the annotators' consensus (the first entry: single-label).
const LABELED = `SELECT i.id, coalesce(i.gold[1], c.labels[1]) AS label
   FROM items i LEFT JOIN item_consensus c ON c.item_id = i.id
  WHERE i.project_id = $1 AND coalesce(i.gold[1], c.labels[1]) BETWEEN 0 AND $2::int - 1`;

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class ReplayRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Freezes the project's labeled items (labels in [0, classes)) into a new queued replay, unless there are fewer
   * than `minItems` of them or another replay of the project is queued or running.
   */
  async create(input: {
    projectId: string;
    classes: number;
    request: unknown;
    runsTotal: number;
    minItems: number;
    createdBy: string | null;
  }): Promise<CreateReplayOutcome> {
    const { projectId, classes, request, runsTotal, minItems, createdBy } = input;
    try {
      const replay = await this.sql.one<ReplayRow>(
        `WITH labeled AS (${LABELED}),
              frozen AS (SELECT coalesce(array_agg(id ORDER BY id), '{}') AS ids, coalesce(array_agg(label ORDER BY id), '{}') AS labels,
                                count(*) AS n FROM labeled)
         INSERT INTO al_replays AS r (project_id, request, item_ids, item_labels, runs_total, created_by)
         SELECT $1, $3, ids, labels, $4, $5 FROM frozen WHERE n >= $6
         RETURNING ${COLUMNS}`,
        [projectId, classes, JSON.stringify(request), runsTotal, createdBy, minItems],
      );
      if (replay) return { outcome: 'created', replay };
    } catch (err) {
      if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
      return { outcome: 'busy', active: await this.active(projectId) };
    }
    const counted = await this.sql.one<{ n: number }>(`SELECT count(*)::int AS n FROM (${LABELED}) l`, [projectId, classes]);
    return { outcome: 'too-few', labeled: counted?.n ?? 0 };
  }

  async get(projectId: string, replayId: string): Promise<ReplayRow | null> {
    return this.sql.one<ReplayRow>(`SELECT ${COLUMNS} FROM al_replays r WHERE r.project_id = $1 AND r.id = $2`, [projectId, replayId]);
  }

  async byId(replayId: string): Promise<ReplayRow | null> {
    return this.sql.one<ReplayRow>(`SELECT ${COLUMNS} FROM al_replays r WHERE r.id = $1`, [replayId]);
  }

  /** The project's replays, most recent first. */
  async list(projectId: string, limit: number): Promise<ReplayRow[]> {
    return this.sql.many<ReplayRow>(
      `SELECT ${COLUMNS} FROM al_replays r WHERE r.project_id = $1 ORDER BY r.created_at DESC, r.id LIMIT $2`,
      [projectId, limit],
    );
  }

  /** The project's queued or running replay, if any. */
  async active(projectId: string): Promise<ReplayRow | null> {
    return this.sql.one<ReplayRow>(`SELECT ${COLUMNS} FROM al_replays r WHERE r.project_id = $1 AND r.status IN ('queued', 'running')`, [
      projectId,
    ]);
  }

  /** Marks a queued replay running (a retried job finds it running already). Null when it has finished or is gone. */
  async start(replayId: string): Promise<ReplayRow | null> {
    return this.sql.one<ReplayRow>(
      `UPDATE al_replays r SET status = 'running', started_at = coalesce(started_at, now())
        WHERE id = $1 AND status IN ('queued', 'running') RETURNING ${COLUMNS}`,
      [replayId],
    );
  }

  /** The frozen labeled items with their texts, in item id order. */
  async items(replayId: string): Promise<ReplayItemRow[]> {
    return this.sql.many<ReplayItemRow>(
      `SELECT s.id::text AS id, s.label, i.text
         FROM al_replays r CROSS JOIN LATERAL unnest(r.item_ids, r.item_labels) WITH ORDINALITY AS s(id, label, ord)
         JOIN items i ON i.id = s.id
        WHERE r.id = $1 ORDER BY s.ord`,
      [replayId],
    );
  }

  /**
   * Appends one strategy × seed result and counts it, once: a result for the same strategy and seed already
   * stored (by an earlier attempt, or a second worker after a stall) is left as it is.
   */
  async saveResult(replayId: string, result: ReplayResultRow): Promise<ReplayRow | null> {
    return this.sql.one<ReplayRow>(
      `UPDATE al_replays r SET results = r.results || jsonb_build_array($2::jsonb),
              runs_done = jsonb_array_length(r.results) + 1
        WHERE id = $1 AND status = 'running'
          AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(r.results) e WHERE e->>'strategy' = $3 AND (e->>'seed')::int = $4)
        RETURNING ${COLUMNS}`,
      [replayId, JSON.stringify(result), result.strategy, result.seed],
    );
  }

  /** Closes a replay: done with its summary, or failed with a reason. Null when it had already finished. */
  async finish(
    replayId: string,
    end: { labelsToReach: ReplayRow['labelsToReach'] } | { error: string },
  ): Promise<ReplayRow | null> {
    const failed = 'error' in end;
    return this.sql.one<ReplayRow>(
      `UPDATE al_replays r SET status = $2, error = $3, labels_to_reach = coalesce($4::jsonb, labels_to_reach), finished_at = now()
        WHERE id = $1 AND status IN ('queued', 'running') RETURNING ${COLUMNS}`,
      [replayId, failed ? 'failed' : 'done', failed ? end.error : null, failed ? null : JSON.stringify(end.labelsToReach)],
    );
  }
}
