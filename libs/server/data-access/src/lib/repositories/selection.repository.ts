// The active-learning priority queue: the items a round chose, which `tasks/next` serves before the usual order
// (TaskRepository.claim reads this table). A round's selection replaces the previous one in one transaction with
// closing the round, so annotators never see half of a batch.
import { Injectable } from '@nestjs/common';
import type { AlStrategy } from '@arbiter/contracts';
import { Sql } from '../sql';
import { MODEL_SCORES_LOCK } from './model-scores';

export interface NewSelection {
  itemId: string;
  score: number | null;
  /** 1 is served first. */
  rank: number;
}

export interface SelectionRow extends NewSelection {
  roundId: string;
  strategy: AlStrategy;
  modelVersion: number | null;
}

@Injectable()
export class SelectionRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Closes a selecting round as done with its batch: the previous rounds' selections go, except items an annotator
   * has started and that still have open slots (overlap k: they are finished first); the new batch goes in; only
   * this round's scores are kept (they are the annotators' suggestions). False when the round was not selecting.
   */
  async replaceWithRound(
    roundId: string,
    batch: { usedStrategy: AlStrategy; modelVersion: number | null; selections: NewSelection[] },
  ): Promise<boolean> {
    return this.sql.tx(async (c) => {
      const { rows } = await c.query<{ projectId: string }>(
        `UPDATE al_rounds SET status = 'done', used_strategy = $2, selected = $3, finished_at = now()
          WHERE id = $1 AND status = 'selecting' RETURNING project_id AS "projectId"`,
        [roundId, batch.usedStrategy, batch.selections.length],
      );
      if (!rows[0]) return false;
      const projectId = rows[0].projectId;
      await c.query(
        `DELETE FROM al_selections s WHERE s.project_id = $1
            AND NOT (EXISTS (SELECT 1 FROM task_slots t WHERE t.item_id = s.item_id AND t.state <> 'free')
                     AND EXISTS (SELECT 1 FROM task_slots t WHERE t.item_id = s.item_id AND t.state <> 'done'))`,
        [projectId],
      );
      const sel = batch.selections;
      await c.query(
        `INSERT INTO al_selections (project_id, item_id, round_id, strategy, score, rank, model_version)
         SELECT $1, i, $2, $3, sc, rk, $4 FROM unnest($5::bigint[], $6::real[], $7::int[]) AS t(i, sc, rk)
         ON CONFLICT (project_id, item_id) DO UPDATE SET round_id = EXCLUDED.round_id, strategy = EXCLUDED.strategy,
           score = EXCLUDED.score, rank = EXCLUDED.rank, model_version = EXCLUDED.model_version, created_at = EXCLUDED.created_at`,
        [projectId, roundId, batch.usedStrategy, batch.modelVersion, sel.map((s) => s.itemId), sel.map((s) => s.score), sel.map((s) => s.rank)],
      );
      // Older rounds' scores go, except those of a model a current model-LF version votes from (its runs read them);
      // under the lock a model-LF save takes, so an LF saved meanwhile is seen here or refused there.
      await c.query(MODEL_SCORES_LOCK, [projectId]);
      await c.query(
        `DELETE FROM predictions p USING al_rounds r
          WHERE r.id = p.round_id AND r.project_id = $1 AND r.id <> $2
            AND (r.model_version IS NULL OR r.model_version NOT IN (
                 SELECT (v.definition->>'modelVersion')::int FROM labeling_functions f
                   JOIN lf_versions v ON v.id = f.current_version_id
                  WHERE f.project_id = $1 AND v.kind = 'model'))`,
        [projectId, roundId],
      );
      return true;
    });
  }

  /** The queue's selected items in serving order. */
  async list(projectId: string): Promise<SelectionRow[]> {
    return this.sql.many<SelectionRow>(
      `SELECT item_id::text AS "itemId", round_id AS "roundId", strategy, score::float8 AS score, rank, model_version AS "modelVersion"
         FROM al_selections WHERE project_id = $1 ORDER BY created_at, rank`,
      [projectId],
    );
  }
}
