// The routing re-fit's data: the reviewed predictions it learns from, and the proposals it stores, each applied at
// most once as a new policy version.
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { RoutingPolicyDoc } from '@arbiter/contracts';
import { Sql } from '../sql';

/** A production prediction with a decided, non-rejected review: the probabilities as sent and the true label. */
export interface ReviewedPredictionRow {
  id: string;
  probs: number[];
  label: number;
}

export interface StoredProposal {
  id: string;
  baseVersion: number;
  policy: RoutingPolicyDoc;
  /** fitRoutingPolicy's answer without its policy, as JSON stored it. */
  fit: Record<string, unknown>;
  reviewedPredictions: number;
  createdAt: string;
  appliedVersion: number | null;
  appliedBy: string | null;
  appliedAt: string | null;
}

const ts = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const COLUMNS = `id, base_version AS "baseVersion", policy, fit, reviewed_predictions AS "reviewedPredictions",
  ${ts('created_at')} AS "createdAt", applied_version AS "appliedVersion", applied_by AS "appliedBy", ${ts('applied_at')} AS "appliedAt"`;

export type ApplyOutcome = { kind: 'applied'; version: number } | { kind: 'already-applied'; version: number } | { kind: 'not-found' };

@Injectable()
export class RoutingProposalRepository {
  constructor(private readonly sql: Sql) {}

  /** Verdicts accept and correct give the true label (verdict_label); rejected inputs are left out. */
  async reviewedPredictions(projectId: string): Promise<ReviewedPredictionRow[]> {
    const { rows } = await this.sql.pool.query<ReviewedPredictionRow>(
      `SELECT p.client_prediction_id AS id, p.probs, r.verdict_label AS label
       FROM production_reviews r JOIN production_predictions p ON p.id = r.prediction_id
       WHERE r.project_id = $1 AND r.status = 'decided' AND r.verdict IN ('accept', 'correct')
       ORDER BY p.id`,
      [projectId],
    );
    return rows;
  }

  async countReviewed(projectId: string): Promise<number> {
    const { rows } = await this.sql.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM production_reviews WHERE project_id = $1 AND status = 'decided' AND verdict IN ('accept', 'correct')`,
      [projectId],
    );
    return rows[0].n;
  }

  async insert(projectId: string, p: { baseVersion: number; policy: RoutingPolicyDoc; fit: unknown; reviewedPredictions: number; requestedBy: string | null }): Promise<StoredProposal> {
    const { rows } = await this.sql.pool.query<StoredProposal>(
      `INSERT INTO routing_proposals (id, project_id, base_version, policy, fit, reviewed_predictions, requested_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [randomUUID(), projectId, p.baseVersion, JSON.stringify(p.policy), JSON.stringify(p.fit), p.reviewedPredictions, p.requestedBy],
    );
    return rows[0];
  }

  /** Newest first. */
  async list(projectId: string, limit = 50): Promise<StoredProposal[]> {
    const { rows } = await this.sql.pool.query<StoredProposal>(
      `SELECT ${COLUMNS} FROM routing_proposals WHERE project_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
      [projectId, limit],
    );
    return rows;
  }

  /**
   * Stores the proposal's policy as the next version and marks the proposal applied, in one transaction; the
   * proposal's row lock makes two approvals (or an approval racing the automatic one) apply it once.
   */
  apply(projectId: string, proposalId: string, appliedBy: string | null): Promise<ApplyOutcome> {
    return this.sql.tx(async (c) => {
      await c.query(`SELECT 1 FROM projects WHERE id = $1 FOR NO KEY UPDATE`, [projectId]);
      const { rows } = await c.query<{ policy: RoutingPolicyDoc; appliedVersion: number | null }>(
        `SELECT policy, applied_version AS "appliedVersion" FROM routing_proposals WHERE id = $1 AND project_id = $2 FOR UPDATE`,
        [proposalId, projectId],
      );
      if (!rows[0]) return { kind: 'not-found' };
      if (rows[0].appliedVersion !== null) return { kind: 'already-applied', version: rows[0].appliedVersion };
      const inserted = await c.query<{ version: number }>(
        `INSERT INTO routing_policies (project_id, version, policy, created_by)
         SELECT $1, coalesce(max(version), 0) + 1, $2, $3 FROM routing_policies WHERE project_id = $1
         RETURNING version`,
        [projectId, JSON.stringify(rows[0].policy), appliedBy],
      );
      const version = inserted.rows[0].version;
      await c.query(`UPDATE routing_proposals SET applied_version = $2, applied_by = $3, applied_at = now() WHERE id = $1`, [proposalId, version, appliedBy]);
      return { kind: 'applied', version };
    });
  }
}
