// Projects, their label schema and their members.
import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import type { CreateProjectRequest, LabelSchema, Member, MemberRole, Project, Role } from '@arbiter/contracts';
import { Sql } from '../sql';

interface ProjectRow {
  id: string;
  name: string;
  description: string;
  guidelines: string;
  labelKind: 'single' | 'multi';
  labels: LabelSchema['labels'];
  overlap: number;
  leaseSeconds: number;
  overlapFraction: number;
  consensusMethod: Project['consensusMethod'];
  reviewThreshold: number;
  goldShare: number;
  minGoldAccuracy: number | null;
  minGoldAnswers: number;
  undoWindowSeconds: number;
  allowSelfReview: boolean;
  keysManageAccess: boolean;
  embeddingDim: number | null;
  createdAt: Date;
  myRole: Role;
}

const COLUMNS = `p.id, p.name, p.description, p.guidelines, p.label_kind AS "labelKind", p.labels,
  p.overlap, p.lease_seconds AS "leaseSeconds", p.overlap_fraction::float8 AS "overlapFraction",
  p.consensus_method AS "consensusMethod", p.review_threshold::float8 AS "reviewThreshold",
  p.gold_share::float8 AS "goldShare", p.min_gold_accuracy::float8 AS "minGoldAccuracy",
  p.min_gold_answers AS "minGoldAnswers", p.undo_window_seconds AS "undoWindowSeconds",
  p.allow_self_review AS "allowSelfReview", p.keys_manage_access AS "keysManageAccess",
  p.embedding_dim AS "embeddingDim", p.created_at AS "createdAt"`;

function toProject(r: ProjectRow): Project {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    guidelines: r.guidelines,
    labelSchema: { kind: r.labelKind, labels: r.labels },
    overlap: r.overlap,
    leaseSeconds: r.leaseSeconds,
    overlapFraction: r.overlapFraction,
    consensusMethod: r.consensusMethod,
    reviewThreshold: r.reviewThreshold,
    goldShare: r.goldShare,
    minGoldAccuracy: r.minGoldAccuracy,
    minGoldAnswers: r.minGoldAnswers,
    undoWindowSeconds: r.undoWindowSeconds,
    allowSelfReview: r.allowSelfReview,
    keysManageAccess: r.keysManageAccess,
    embeddingDim: r.embeddingDim,
    createdAt: new Date(r.createdAt).toISOString(),
    myRole: r.myRole,
  };
}

export type MemberChange = { kind: 'ok'; member: Member; previous: MemberRole | null } | { kind: 'no-user' } | { kind: 'last-owner' };

/** A project as created: the validated create request, defaults applied. */
export type NewProject = CreateProjectRequest;

@Injectable()
export class ProjectRepository {
  constructor(private readonly sql: Sql) {}

  /** Creates the project and makes its creator the owner, in one transaction. */
  async create(p: NewProject, ownerId: string): Promise<Project> {
    return this.sql.tx(async (c) => {
      const { rows } = await c.query<ProjectRow>(
        `INSERT INTO projects AS p (name, description, guidelines, label_kind, labels, overlap, lease_seconds, created_by,
           overlap_fraction, consensus_method, review_threshold, gold_share, min_gold_accuracy, min_gold_answers,
           undo_window_seconds, allow_self_review, keys_manage_access)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING ${COLUMNS}, 'owner' AS "myRole"`,
        [p.name, p.description, p.guidelines, p.labelSchema.kind, JSON.stringify(p.labelSchema.labels), p.overlap, p.leaseSeconds, ownerId,
          p.overlapFraction, p.consensusMethod, p.reviewThreshold, p.goldShare, p.minGoldAccuracy, p.minGoldAnswers,
          p.undoWindowSeconds, p.allowSelfReview, p.keysManageAccess],
      );
      await c.query(`INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, 'owner')`, [rows[0].id, ownerId]);
      return toProject(rows[0]);
    });
  }

  async listForUser(userId: string): Promise<Project[]> {
    const rows = await this.sql.many<ProjectRow>(
      `SELECT ${COLUMNS}, m.role AS "myRole" FROM projects p JOIN project_members m ON m.project_id = p.id
        WHERE m.user_id = $1 ORDER BY p.created_at DESC`,
      [userId],
    );
    return rows.map(toProject);
  }

  /** The project as seen with the given role (membership already checked by the caller). */
  async get(projectId: string, role: Role): Promise<Project | null> {
    const row = await this.sql.one<ProjectRow>(`SELECT ${COLUMNS}, $2::text AS "myRole" FROM projects p WHERE p.id = $1`, [projectId, role]);
    return row ? toProject(row) : null;
  }

  async update(projectId: string, role: Role, patch: Partial<Omit<NewProject, 'overlap' | 'overlapFraction'>>): Promise<Project | null> {
    const row = await this.sql.one<ProjectRow>(
      `UPDATE projects p SET
         name = coalesce($3, name), description = coalesce($4, description), guidelines = coalesce($5, guidelines),
         label_kind = coalesce($6, label_kind), labels = coalesce($7::jsonb, labels),
         lease_seconds = coalesce($8, lease_seconds), consensus_method = coalesce($9, consensus_method),
         review_threshold = coalesce($10, review_threshold), gold_share = coalesce($11, gold_share),
         min_gold_accuracy = CASE WHEN $12::boolean THEN $13::float8 ELSE min_gold_accuracy END,
         min_gold_answers = coalesce($14, min_gold_answers), undo_window_seconds = coalesce($15, undo_window_seconds),
         allow_self_review = coalesce($16, allow_self_review), keys_manage_access = coalesce($17, keys_manage_access)
       WHERE p.id = $1 RETURNING ${COLUMNS}, $2::text AS "myRole"`,
      [
        projectId,
        role,
        patch.name ?? null,
        patch.description ?? null,
        patch.guidelines ?? null,
        patch.labelSchema?.kind ?? null,
        patch.labelSchema ? JSON.stringify(patch.labelSchema.labels) : null,
        patch.leaseSeconds ?? null,
        patch.consensusMethod ?? null,
        patch.reviewThreshold ?? null,
        patch.goldShare ?? null,
        patch.minGoldAccuracy !== undefined,
        patch.minGoldAccuracy ?? null,
        patch.minGoldAnswers ?? null,
        patch.undoWindowSeconds ?? null,
        patch.allowSelfReview ?? null,
        patch.keysManageAccess ?? null,
      ],
    );
    return row ? toProject(row) : null;
  }

  async exists(projectId: string): Promise<boolean> {
    return !!(await this.sql.one(`SELECT 1 AS x FROM projects WHERE id = $1`, [projectId]));
  }

  async roleOf(projectId: string, userId: string): Promise<Role | null> {
    const row = await this.sql.one<{ role: Role }>(
      `SELECT role FROM project_members WHERE project_id = $1 AND user_id = $2`,
      [projectId, userId],
    );
    return row?.role ?? null;
  }

  async members(projectId: string): Promise<Member[]> {
    return this.sql.many<Member>(
      `SELECT u.id AS "userId", u.email, u.name, m.role FROM project_members m JOIN users u ON u.id = m.user_id
        WHERE m.project_id = $1 ORDER BY u.name, u.email`,
      [projectId],
    );
  }

  /**
   * Adds a member or changes their role. The project's owner rows are locked first, so two owners demoting each
   * other at once cannot both succeed: the project always keeps an owner.
   */
  async setMember(projectId: string, email: string, role: MemberRole): Promise<MemberChange> {
    return this.sql.tx(async (c) => {
      const owners = await this.lockOwners(c, projectId);
      const user = await c.query<{ id: string }>(`SELECT id FROM users WHERE lower(email) = lower($1)`, [email]);
      if (!user.rows[0]) return { kind: 'no-user' };
      const userId = user.rows[0].id;
      const prev = await c.query<{ role: MemberRole }>(`SELECT role FROM project_members WHERE project_id = $1 AND user_id = $2 FOR UPDATE`, [projectId, userId]);
      const previous = prev.rows[0]?.role ?? null;
      if (previous === 'owner' && role !== 'owner' && owners.length <= 1) return { kind: 'last-owner' };
      const { rows } = await c.query<Member>(
        `WITH m AS (INSERT INTO project_members (project_id, user_id, role) VALUES ($1, $2, $3)
                    ON CONFLICT (project_id, user_id) DO UPDATE SET role = EXCLUDED.role RETURNING user_id, role)
         SELECT u.id AS "userId", u.email, u.name, m.role FROM m JOIN users u ON u.id = m.user_id`,
        [projectId, userId, role],
      );
      return { kind: 'ok', member: rows[0], previous };
    });
  }

  /** Removes a member, unless they are the project's last owner (checked under the same lock as setMember). */
  async removeMember(projectId: string, userId: string): Promise<'removed' | 'not-member' | 'last-owner'> {
    return this.sql.tx(async (c) => {
      const owners = await this.lockOwners(c, projectId);
      const prev = await c.query<{ role: MemberRole }>(`SELECT role FROM project_members WHERE project_id = $1 AND user_id = $2 FOR UPDATE`, [projectId, userId]);
      if (!prev.rows[0]) return 'not-member';
      if (prev.rows[0].role === 'owner' && owners.length <= 1) return 'last-owner';
      await c.query(`DELETE FROM project_members WHERE project_id = $1 AND user_id = $2`, [projectId, userId]);
      return 'removed';
    });
  }

  /** Locks the project's owner rows (in one order) and returns the owners' ids. */
  private async lockOwners(c: PoolClient, projectId: string): Promise<string[]> {
    const { rows } = await c.query<{ userId: string }>(
      `SELECT user_id AS "userId" FROM project_members WHERE project_id = $1 AND role = 'owner' ORDER BY user_id FOR UPDATE`,
      [projectId],
    );
    return rows.map((r) => r.userId);
  }

  /** Every project, for instance admins (who act as owners everywhere). */
  async listAll(): Promise<Project[]> {
    const rows = await this.sql.many<ProjectRow>(`SELECT ${COLUMNS}, 'owner' AS "myRole" FROM projects p ORDER BY p.created_at DESC`);
    return rows.map(toProject);
  }
}
