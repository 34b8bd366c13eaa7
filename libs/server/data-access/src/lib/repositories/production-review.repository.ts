// Reviews of routed production predictions: the open queue (keyset by prediction id) and the one verdict each.
import { Injectable } from '@nestjs/common';
import { Sql } from '../sql';
import { DECISION_COLUMNS, type StoredDecision } from './production-prediction.repository';

export type Verdict = 'accept' | 'correct' | 'reject';

export type VerdictOutcome =
  | { kind: 'decided'; decision: StoredDecision; goldItemId: string | null }
  | { kind: 'not-found' }
  | { kind: 'already-decided' };

@Injectable()
export class ProductionReviewRepository {
  constructor(private readonly sql: Sql) {}

  /** Reviews in the status, oldest prediction first, after the cursor (a prediction row id). */
  async page(projectId: string, status: 'open' | 'decided', after: string | undefined, limit: number): Promise<{ rows: StoredDecision[]; cursor: string | null }> {
    const rows = await this.sql.many<StoredDecision>(
      `SELECT ${DECISION_COLUMNS}
         FROM production_reviews r JOIN production_predictions p ON p.id = r.prediction_id
        WHERE r.project_id = $1 AND r.status = $2 AND r.prediction_id > $3::bigint
        ORDER BY r.prediction_id LIMIT $4`,
      [projectId, status, after ?? '0', limit + 1],
    );
    const more = rows.length > limit;
    const shown = rows.slice(0, limit);
    return { rows: shown, cursor: more ? shown[shown.length - 1].id : null };
  }

  /**
   * Records the verdict, once: two reviewers racing, the second hears 'already-decided'. Unless rejected, the true
   * label becomes the gold of the item the prediction was about (when it names one), with provenance; for a
   * prediction sent with its text, the verdict on the review is that record's gold.
   */
  decide(projectId: string, reviewId: string, verdict: Verdict, correctedLabel: number | null, reviewerId: string): Promise<VerdictOutcome> {
    return this.sql.tx(async (c) => {
      const { rows } = await c.query<{ status: string; label: number; itemId: string | null }>(
        `SELECT r.status, p.label, p.item_id::text AS "itemId"
           FROM production_reviews r JOIN production_predictions p ON p.id = r.prediction_id
          WHERE r.id = $2 AND r.project_id = $1 FOR UPDATE OF r`,
        [projectId, reviewId],
      );
      const review = rows[0];
      if (!review) return { kind: 'not-found' as const };
      if (review.status === 'decided') return { kind: 'already-decided' as const };
      const label = verdict === 'reject' ? null : verdict === 'accept' ? review.label : correctedLabel;
      await c.query(
        `UPDATE production_reviews SET status = 'decided', verdict = $2, verdict_label = $3, decided_by = $4, decided_at = now() WHERE id = $1`,
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
      return { kind: 'decided' as const, decision: out[0], goldItemId };
    });
  }
}
