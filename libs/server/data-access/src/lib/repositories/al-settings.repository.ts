// A project's active-learning settings. The row is created with the contract's defaults (and a random seed for
// training and selection) the first time it is read, so projects made before active learning need no backfill.
// The `evaluation_share` column is left unread: the evaluation slice is the project's test split (issue 11).
import { Injectable } from '@nestjs/common';
import type { ActiveLearningSettings, AlStrategy, ModelKind, UpdateActiveLearningSettings } from '@arbiter/contracts';
import type { Queryable } from '../sql';
import { Sql } from '../sql';

interface SettingsRow {
  strategy: AlStrategy;
  batchSize: number;
  topM: number | null;
  modelKind: ModelKind;
  warmUpLabels: number;
  afterNewLabels: number | null;
  onLfChange: boolean;
  everyMinutes: number | null;
  weakLabelWeight: number | null;
  weakLabelMinConfidence: number;
  seed: number;
}

const COLUMNS = `strategy, batch_size AS "batchSize", top_m AS "topM", model_kind AS "modelKind",
  warm_up_labels AS "warmUpLabels", retrain_after_new_labels AS "afterNewLabels",
  retrain_on_lf_change AS "onLfChange", retrain_every_minutes AS "everyMinutes", weak_label_weight AS "weakLabelWeight",
  weak_label_min_confidence AS "weakLabelMinConfidence", seed`;

/** The stored settings and the project's seed (the view adds the test split the service reads elsewhere). */
export type StoredAlSettings = ActiveLearningSettings & { seed: number };

function toView(r: SettingsRow): StoredAlSettings {
  return {
    strategy: r.strategy,
    batchSize: r.batchSize,
    topM: r.topM,
    modelKind: r.modelKind,
    warmUpLabels: r.warmUpLabels,
    retrain: { afterNewLabels: r.afterNewLabels, onLfChange: r.onLfChange, everyMinutes: r.everyMinutes },
    weakLabelWeight: r.weakLabelWeight,
    weakLabelMinConfidence: r.weakLabelMinConfidence,
    seed: r.seed,
  };
}

/** Creates the project's row if it has none; nothing when the project does not exist. */
async function ensure(q: Queryable, projectId: string): Promise<void> {
  await q.query(`INSERT INTO al_settings (project_id) SELECT id FROM projects WHERE id = $1 ON CONFLICT DO NOTHING`, [projectId]);
}

@Injectable()
export class AlSettingsRepository {
  constructor(private readonly sql: Sql) {}

  /** The project's settings, or null when the project does not exist. */
  async get(projectId: string): Promise<StoredAlSettings | null> {
    await ensure(this.sql.pool, projectId);
    const row = await this.sql.one<SettingsRow>(`SELECT ${COLUMNS} FROM al_settings WHERE project_id = $1`, [projectId]);
    return row ? toView(row) : null;
  }

  /** Applies a patch (`retrain` as a whole); the seed never changes. Null when the project does not exist. */
  async update(projectId: string, patch: UpdateActiveLearningSettings): Promise<StoredAlSettings | null> {
    return this.sql.tx(async (c) => {
      await ensure(c, projectId);
      const set: string[] = [];
      const params: unknown[] = [projectId];
      const assign = (column: string, value: unknown) => {
        params.push(value);
        set.push(`${column} = $${params.length}`);
      };
      if (patch.strategy !== undefined) assign('strategy', patch.strategy);
      if (patch.batchSize !== undefined) assign('batch_size', patch.batchSize);
      if (patch.topM !== undefined) assign('top_m', patch.topM);
      if (patch.modelKind !== undefined) assign('model_kind', patch.modelKind);
      if (patch.warmUpLabels !== undefined) assign('warm_up_labels', patch.warmUpLabels);
      if (patch.retrain !== undefined) {
        assign('retrain_after_new_labels', patch.retrain.afterNewLabels);
        assign('retrain_on_lf_change', patch.retrain.onLfChange);
        assign('retrain_every_minutes', patch.retrain.everyMinutes);
      }
      if (patch.weakLabelWeight !== undefined) assign('weak_label_weight', patch.weakLabelWeight);
      if (patch.weakLabelMinConfidence !== undefined) assign('weak_label_min_confidence', patch.weakLabelMinConfidence);
      const { rows } = await c.query<SettingsRow>(
        `UPDATE al_settings SET ${[...set, 'updated_at = now()'].join(', ')} WHERE project_id = $1 RETURNING ${COLUMNS}`,
        params,
      );
      return rows[0] ? toView(rows[0]) : null;
    });
  }

  /** Projects whose settings ask for a round every few minutes (the worker re-registers their schedules at start). */
  async scheduled(): Promise<{ projectId: string; everyMinutes: number }[]> {
    return this.sql.many(
      `SELECT project_id AS "projectId", retrain_every_minutes AS "everyMinutes" FROM al_settings WHERE retrain_every_minutes IS NOT NULL`,
    );
  }
}
