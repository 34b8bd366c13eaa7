// A model LF votes from the scores its pinned model version's round stored. A finishing round deletes older rounds'
// scores except those a current model-LF version names, and saving a model-LF version re-checks that its scores are
// still there. Both take this lock first, so each sees the other's commit: either the LF is saved and the round
// keeps its scores, or the scores are gone and the save is refused (never a saved LF that can only abstain).
import type { Queryable } from '../sql';

export const MODEL_SCORES_LOCK = `SELECT pg_advisory_xact_lock(hashtextextended('arbiter-model-scores:' || $1::text, 0))`;

/** Thrown inside the save's transaction: the version's scores went between the service's check and the insert. */
export class ModelScoresGoneError extends Error {
  constructor(
    readonly modelVersion: number,
    readonly votable: number[],
  ) {
    super(`model v${modelVersion} has no kept scores`);
  }
}

/** Model versions of the project whose finished round kept scores, newest first. */
export async function votableModelVersions(q: Queryable, projectId: string): Promise<number[]> {
  const { rows } = await q.query<{ version: number }>(
    `SELECT m.version FROM models m JOIN al_rounds r ON r.model_id = m.id
      WHERE m.project_id = $1 AND r.status = 'done'
        AND EXISTS (SELECT 1 FROM predictions p WHERE p.round_id = r.id AND p.probs IS NOT NULL)
      ORDER BY m.version DESC`,
    [projectId],
  );
  return rows.map((r) => r.version);
}
