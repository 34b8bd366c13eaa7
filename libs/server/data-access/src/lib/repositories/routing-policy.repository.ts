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
    const { rows } = await q.query<{ shadow: boolean }>(`SELECT shadow_mode AS shadow FROM routing_settings WHERE project_id = $1`, [projectId]);
    return rows[0]?.shadow ?? false;
  }

  async settings(projectId: string): Promise<{ shadowMode: boolean; autoApplyProposals: boolean }> {
    const { rows } = await this.sql.pool.query<{ shadowMode: boolean; autoApplyProposals: boolean }>(
      `SELECT shadow_mode AS "shadowMode", auto_apply_proposals AS "autoApplyProposals" FROM routing_settings WHERE project_id = $1`,
      [projectId],
    );
    return rows[0] ?? { shadowMode: false, autoApplyProposals: false };
  }

  /** Changes the settings given, keeping the others. */
  async updateSettings(projectId: string, patch: { shadowMode?: boolean; autoApplyProposals?: boolean }): Promise<{ shadowMode: boolean; autoApplyProposals: boolean }> {
    const { rows } = await this.sql.pool.query<{ shadowMode: boolean; autoApplyProposals: boolean }>(
      `INSERT INTO routing_settings (project_id, shadow_mode, auto_apply_proposals) VALUES ($1, coalesce($2, false), coalesce($3, false))
       ON CONFLICT (project_id) DO UPDATE SET shadow_mode = coalesce($2, routing_settings.shadow_mode),
         auto_apply_proposals = coalesce($3, routing_settings.auto_apply_proposals), updated_at = now()
       RETURNING shadow_mode AS "shadowMode", auto_apply_proposals AS "autoApplyProposals"`,
      [projectId, patch.shadowMode ?? null, patch.autoApplyProposals ?? null],
    );
    return rows[0];
  }
}
