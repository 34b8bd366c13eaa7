// Projects, their label schema and their members.
import { Injectable } from '@nestjs/common';
import type { CreateProjectRequest, LabelSchema, Member, Project, Role } from '@arbiter/contracts';
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
  createdAt: Date;
  myRole: Role;
}

const COLUMNS = `p.id, p.name, p.description, p.guidelines, p.label_kind AS "labelKind", p.labels,
  p.overlap, p.lease_seconds AS "leaseSeconds", p.overlap_fraction::float8 AS "overlapFraction",
  p.consensus_method AS "consensusMethod", p.review_threshold::float8 AS "reviewThreshold",
  p.gold_share::float8 AS "goldShare", p.min_gold_accuracy::float8 AS "minGoldAccuracy",
  p.min_gold_answers AS "minGoldAnswers", p.created_at AS "createdAt"`;

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
    createdAt: new Date(r.createdAt).toISOString(),
    myRole: r.myRole,
  };
}

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
           overlap_fraction, consensus_method, review_threshold, gold_share, min_gold_accuracy, min_gold_answers)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ${COLUMNS}, 'owner' AS "myRole"`,
        [p.name, p.description, p.guidelines, p.labelSchema.kind, JSON.stringify(p.labelSchema.labels), p.overlap, p.leaseSeconds, ownerId,
          p.overlapFraction, p.consensusMethod, p.reviewThreshold, p.goldShare, p.minGoldAccuracy, p.minGoldAnswers],
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
         min_gold_answers = coalesce($14, min_gold_answers)
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
      ],
    );
    return row ? toProject(row) : null;
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

  /** Adds or changes a member's role; null when no user has that email. */
  async upsertMember(projectId: string, email: string, role: Role): Promise<Member | null> {
    return this.sql.one<Member>(
      `WITH u AS (SELECT id, email, name FROM users WHERE lower(email) = lower($2)),
            m AS (INSERT INTO project_members (project_id, user_id, role) SELECT $1, id, $3 FROM u
                  ON CONFLICT (project_id, user_id) DO UPDATE SET role = EXCLUDED.role RETURNING user_id, role)
       SELECT u.id AS "userId", u.email, u.name, m.role FROM u JOIN m ON m.user_id = u.id`,
      [projectId, email, role],
    );
  }

  async removeMember(projectId: string, userId: string): Promise<boolean> {
    const rows = await this.sql.many(`DELETE FROM project_members WHERE project_id = $1 AND user_id = $2 RETURNING user_id`, [projectId, userId]);
    return rows.length > 0;
  }

  async ownerCount(projectId: string): Promise<number> {
    const row = await this.sql.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM project_members WHERE project_id = $1 AND role = 'owner'`,
      [projectId],
    );
    return row?.n ?? 0;
  }
}
