// A project's routing policies (append-only versions, the highest active) and its routing settings.
import { Injectable } from '@nestjs/common';
import type { RoutingPolicyDoc } from '@arbiter/contracts';
import type { Queryable } from '../sql';
import { Sql } from '../sql';

export interface StoredPolicy {
  version: number;
  policy: RoutingPolicyDoc;
  createdAt: string;
}

export interface RoutingSettingsRow {
  shadowMode: boolean;
  reviewBudgetPerHour: number | null;
  slaMinutes: number | null;
  escalation: 'act' | 'senior' | 'wait';
  /** Apply each re-fit's proposal as it is made, rather than on approval. */
  autoApplyProposals: boolean;
}

const DEFAULT_SETTINGS: RoutingSettingsRow = { shadowMode: false, reviewBudgetPerHour: null, slaMinutes: null, escalation: 'wait', autoApplyProposals: false };

const SETTINGS_COLUMNS = `shadow_mode AS "shadowMode", review_budget_per_hour AS "reviewBudgetPerHour", sla_minutes AS "slaMinutes",
  escalation, auto_apply_proposals AS "autoApplyProposals"`;

const COLUMNS = `version, policy, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"`;

@Injectable()
export class RoutingPolicyRepository {
  constructor(private readonly sql: Sql) {}

  /** The active (highest) version, or null when none was stored. */
  active(projectId: string, q: Queryable = this.sql.pool): Promise<StoredPolicy | null> {
    return q
      .query<StoredPolicy>(`SELECT ${COLUMNS} FROM routing_policies WHERE project_id = $1 ORDER BY version DESC LIMIT 1`, [projectId])
      .then((r) => r.rows[0] ?? null);
  }

  /**
   * Stores a new version, numbered after the highest. The project row lock orders concurrent writers, so two
   * PUTs never race for one number.
   */
  append(projectId: string, policy: RoutingPolicyDoc, by: { userId?: string; keyId?: string }): Promise<StoredPolicy> {
    return this.sql.tx(async (c) => {
      await c.query(`SELECT 1 FROM projects WHERE id = $1 FOR NO KEY UPDATE`, [projectId]);
      const { rows } = await c.query<StoredPolicy>(
        `INSERT INTO routing_policies (project_id, version, policy, created_by, created_by_key)
         SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4 FROM routing_policies WHERE project_id = $1
         RETURNING ${COLUMNS}`,
        [projectId, JSON.stringify(policy), by.userId ?? null, by.keyId ?? null],
      );
      return rows[0];
    });
  }

  /**
   * The active version, storing `fallback` as version 1 when there is none (ON CONFLICT: concurrent first
   * decisions agree on one stored default).
   */
  async activeOrStore(projectId: string, fallback: RoutingPolicyDoc, q: Queryable = this.sql.pool): Promise<StoredPolicy> {
    const current = await this.active(projectId, q);
    if (current) return current;
    await q.query(
      `INSERT INTO routing_policies (project_id, version, policy) VALUES ($1, 1, $2) ON CONFLICT DO NOTHING`,
      [projectId, JSON.stringify(fallback)],
    );
    return (await this.active(projectId, q)) as StoredPolicy;
  }

  async shadowMode(projectId: string, q: Queryable = this.sql.pool): Promise<boolean> {
    return (await this.settings(projectId, q)).shadowMode;
  }

  /**
   * Everything a decision reads about the project, in one round trip: its label names (null: no such project), the
   * active policy (null: none stored yet) and the routing settings.
   */
  async decisionContext(projectId: string): Promise<{ labels: string[]; policy: StoredPolicy | null; settings: RoutingSettingsRow } | null> {
    const { rows } = await this.sql.pool.query<{ labels: string[]; policy: StoredPolicy | null; settings: RoutingSettingsRow | null }>(
      `SELECT ARRAY(SELECT l->>'name' FROM jsonb_array_elements(p.labels) l) AS labels,
              (SELECT to_jsonb(x) FROM (SELECT ${COLUMNS} FROM routing_policies WHERE project_id = p.id ORDER BY version DESC LIMIT 1) x) AS policy,
              (SELECT jsonb_build_object('shadowMode', shadow_mode, 'reviewBudgetPerHour', review_budget_per_hour, 'slaMinutes', sla_minutes, 'escalation', escalation,
                                         'autoApplyProposals', auto_apply_proposals)
                 FROM routing_settings WHERE project_id = p.id) AS settings
         FROM projects p WHERE p.id = $1`,
      [projectId],
    );
    const row = rows[0];
    if (!row) return null;
    return { labels: row.labels, policy: row.policy, settings: row.settings ?? { ...DEFAULT_SETTINGS } };
  }

  /** The project's routing settings, the defaults when none were stored. */
  async settings(projectId: string, q: Queryable = this.sql.pool): Promise<RoutingSettingsRow> {
    const { rows } = await q.query<RoutingSettingsRow>(
      `SELECT ${SETTINGS_COLUMNS} FROM routing_settings WHERE project_id = $1`,
      [projectId],
    );
    return rows[0] ?? { ...DEFAULT_SETTINGS };
  }

  /** Changes the fields given (undefined keeps a field; null clears the budget or the SLA) and answers the result. */
  async updateSettings(projectId: string, patch: Partial<RoutingSettingsRow>): Promise<RoutingSettingsRow> {
    const has = (key: keyof RoutingSettingsRow) => patch[key] !== undefined;
    const { rows } = await this.sql.pool.query<RoutingSettingsRow>(
      `INSERT INTO routing_settings AS s (project_id, shadow_mode, review_budget_per_hour, sla_minutes, escalation, auto_apply_proposals)
       VALUES ($1, coalesce($2, false), $4, $6, coalesce($7, 'wait'), coalesce($8, false))
       ON CONFLICT (project_id) DO UPDATE SET
         shadow_mode = coalesce($2, s.shadow_mode),
         auto_apply_proposals = coalesce($8, s.auto_apply_proposals),
         review_budget_per_hour = CASE WHEN $3 THEN EXCLUDED.review_budget_per_hour ELSE s.review_budget_per_hour END,
         sla_minutes = CASE WHEN $5 THEN EXCLUDED.sla_minutes ELSE s.sla_minutes END,
         escalation = coalesce($7, s.escalation),
         updated_at = now()
       RETURNING ${SETTINGS_COLUMNS}`,
      [projectId, patch.shadowMode ?? null, has('reviewBudgetPerHour'), patch.reviewBudgetPerHour ?? null, has('slaMinutes'), patch.slaMinutes ?? null, patch.escalation ?? null, patch.autoApplyProposals ?? null],
    );
    return rows[0];
  }
}
