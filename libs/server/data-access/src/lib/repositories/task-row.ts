// What an annotator is handed: the item without gold or others' labels, and the lease deadline; for queue tasks
// also why active learning chose it and the latest model's prediction as a suggestion (a pre-annotation).
import type { AlStrategy, Task } from '@arbiter/contracts';

export interface TaskRow {
  id: string;
  externalId: string | null;
  text: string;
  imageUrl: string | null;
  metadata: Record<string, unknown>;
  prediction: number[] | null;
  leaseExpiresAt: Date;
  /** The latest model's probabilities and version (absent on gold checks). */
  modelProbs?: number[] | null;
  modelVersion?: number | null;
  chosenStrategy?: AlStrategy | null;
  chosenScore?: number | null;
  chosenRank?: number | null;
  chosenModelVersion?: number | null;
}

export function toTask(r: TaskRow): Task {
  const fromModel = r.modelProbs != null;
  return {
    item: {
      id: r.id,
      externalId: r.externalId,
      text: r.text,
      imageUrl: r.imageUrl,
      metadata: r.metadata,
      suggestion: fromModel ? (r.modelProbs ?? null) : r.prediction,
      suggestionModelVersion: fromModel ? (r.modelVersion ?? null) : null,
      chosenBy:
        r.chosenStrategy != null && r.chosenRank != null
          ? { strategy: r.chosenStrategy, score: r.chosenScore ?? null, rank: r.chosenRank, modelVersion: r.chosenModelVersion ?? null }
          : null,
    },
    leaseExpiresAt: new Date(r.leaseExpiresAt).toISOString(),
  };
}

// The latest finished round's scores are the suggestions (older rounds' are deleted when a round finishes, but for
// a model that a model LF votes from).
const ACTIVE_LEARNING_JOINS = `
  LEFT JOIN LATERAL (
    SELECT p.probs::float8[] AS probs, r.model_version FROM al_rounds r JOIN predictions p ON p.round_id = r.id AND p.item_id = i.id
     WHERE r.project_id = i.project_id AND r.status = 'done' AND r.model_id IS NOT NULL AND p.probs IS NOT NULL
     ORDER BY r.finished_at DESC LIMIT 1) sug ON true
  LEFT JOIN al_selections sel ON sel.project_id = i.project_id AND sel.item_id = i.id`;

const ACTIVE_LEARNING_COLUMNS = `, sug.probs AS "modelProbs", sug.model_version AS "modelVersion", sel.strategy AS "chosenStrategy",
  sel.score::float8 AS "chosenScore", sel.rank AS "chosenRank", sel.model_version AS "chosenModelVersion"`;

/**
 * Task rows from a relation `s` with item_id and lease_expires_at (a table or a CTE's RETURNING). Gold checks
 * (`activeLearning: false`) carry no model suggestion: the model was trained on their gold, so its suggestion
 * would hand the annotator the answer the check measures them against.
 */
export const taskSelect = (source: string, opts: { activeLearning?: boolean } = {}) => {
  const al = opts.activeLearning ?? true;
  return `SELECT i.id::text AS id, i.external_id AS "externalId", i.text,
  i.image_url AS "imageUrl", i.metadata, i.prediction::float8[] AS prediction, s.lease_expires_at AS "leaseExpiresAt"${al ? ACTIVE_LEARNING_COLUMNS : ''}
  FROM ${source} s JOIN items i ON i.id = s.item_id${al ? ACTIVE_LEARNING_JOINS : ''}`;
};
