// Gold checks: items with known labels served to each annotator outside the overlap slots, at the project's
// share of their tasks; answers are scored against gold and never count as annotations.
import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import type { AnnotatorQuality, MemberRole } from '@arbiter/contracts';
import { Sql } from '../sql';
import { taskSelect, TaskRow } from './task-row';

export interface HoneypotAnswer {
  id: string;
  itemId: string;
  labels: number[];
  idempotencyKey: string;
  createdAt: Date;
}

const ANSWER_COLUMNS = `id::text AS id, item_id::text AS "itemId", labels::int[] AS labels, idempotency_key AS "idempotencyKey",
  created_at AS "createdAt"`;

@Injectable()
export class HoneypotRepository {
  constructor(private readonly sql: Sql) {}

  /** Renews and returns the annotator's held checks. */
  async renewHeld(c: PoolClient, projectId: string, userId: string, leaseSeconds: number): Promise<(TaskRow & { leasedAt: Date })[]> {
    const { rows } = await c.query<TaskRow & { leasedAt: Date }>(
      `WITH renewed AS (
         UPDATE honeypot_leases SET lease_expires_at = now() + make_interval(secs => $3)
          WHERE project_id = $1 AND user_id = $2 RETURNING item_id, leased_at, lease_expires_at)
       ${taskSelect('renewed', { activeLearning: false })}`.replace('SELECT i.id::text AS id,', 'SELECT s.leased_at AS "leasedAt", i.id::text AS id,'),
      [projectId, userId, leaseSeconds],
    );
    return rows;
  }

  /**
   * Whether the annotator's next task should be a check: checks are spread evenly, the n-th task being one
   * when ⌊n·share⌋ grows, counting labels given, checks answered and tasks held.
   */
  async due(c: PoolClient, projectId: string, userId: string, share: number, held: number): Promise<boolean> {
    if (share <= 0) return false;
    const { rows } = await c.query<{ n: number }>(
      `SELECT (coalesce((SELECT value FROM project_counters WHERE project_id = $1 AND dimension = 'annotator' AND key = $2::text), 0)
             + (SELECT count(*) FROM honeypot_answers WHERE project_id = $1 AND user_id = $2::uuid))::int AS n`,
      [projectId, userId],
    );
    const n = rows[0].n + held;
    return Math.floor((n + 1) * share) > Math.floor(n * share);
  }

  /** Leases a gold item the annotator has never seen, in an order of their own (a hash of user and item). */
  async claim(c: PoolClient, projectId: string, userId: string, leaseSeconds: number): Promise<TaskRow | null> {
    const { rows } = await c.query<TaskRow>(
      `WITH pick AS (
         SELECT i.id AS item_id FROM items i
          WHERE i.project_id = $1 AND i.gold IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM honeypot_answers h WHERE h.user_id = $2 AND h.item_id = i.id)
            AND NOT EXISTS (SELECT 1 FROM honeypot_leases l WHERE l.user_id = $2 AND l.item_id = i.id)
            AND NOT EXISTS (SELECT 1 FROM task_slots o WHERE o.item_id = i.id AND o.user_id = $2)
            AND NOT EXISTS (SELECT 1 FROM skips k WHERE k.user_id = $2 AND k.item_id = i.id)
          ORDER BY hashtextextended(i.id::text || $2::text, 0), i.id
          LIMIT 1),
       leased AS (
         INSERT INTO honeypot_leases (user_id, item_id, project_id, lease_expires_at)
         SELECT $2, item_id, $1, now() + make_interval(secs => $3) FROM pick RETURNING item_id, lease_expires_at)
       ${taskSelect('leased', { activeLearning: false })}`,
      [projectId, userId, leaseSeconds],
    );
    return rows[0] ?? null;
  }

  async findByKey(c: PoolClient, userId: string, key: string): Promise<HoneypotAnswer | null> {
    const { rows } = await c.query<HoneypotAnswer>(
      `SELECT ${ANSWER_COLUMNS} FROM honeypot_answers WHERE user_id = $1 AND idempotency_key = $2`,
      [userId, key],
    );
    return rows[0] ?? null;
  }

  /** Scores and stores the answer if the annotator holds this item as a check; null when they do not. */
  async answer(c: PoolClient, projectId: string, userId: string, itemId: string, labels: number[], key: string): Promise<HoneypotAnswer | null> {
    const lease = await c.query(
      `DELETE FROM honeypot_leases WHERE user_id = $1 AND item_id = $2 AND project_id = $3 RETURNING item_id`,
      [userId, itemId, projectId],
    );
    if (!lease.rowCount) return null;
    const { rows } = await c.query<HoneypotAnswer>(
      `INSERT INTO honeypot_answers (user_id, item_id, project_id, labels, correct, idempotency_key)
       SELECT $1, i.id, $3, $4::smallint[],
              coalesce((SELECT array_agg(g ORDER BY g) FROM unnest(i.gold) g), '{}'::smallint[]) = $4::smallint[], $5
         FROM items i WHERE i.id = $2
       RETURNING ${ANSWER_COLUMNS}`,
      [userId, itemId, projectId, labels, key],
    );
    return rows[0];
  }

  async hasAnswered(c: PoolClient, userId: string, itemId: string): Promise<boolean> {
    const { rowCount } = await c.query(`SELECT 1 FROM honeypot_answers WHERE user_id = $1 AND item_id = $2`, [userId, itemId]);
    return !!rowCount;
  }

  async release(c: PoolClient, userId: string, itemId: string): Promise<void> {
    await c.query(`DELETE FROM honeypot_leases WHERE user_id = $1 AND item_id = $2`, [userId, itemId]);
  }

  /** Checks answered and answered correctly since an owner last resumed the annotator. */
  async accuracy(projectId: string, userId: string): Promise<{ answered: number; correct: number }> {
    const row = await this.sql.one<{ answered: number; correct: number }>(
      `SELECT count(*)::int AS answered, count(*) FILTER (WHERE h.correct)::int AS correct
         FROM honeypot_answers h LEFT JOIN project_members m ON m.project_id = h.project_id AND m.user_id = h.user_id
        WHERE h.project_id = $1 AND h.user_id = $2 AND (m.checks_reset_at IS NULL OR h.created_at > m.checks_reset_at)`,
      [projectId, userId],
    );
    return row ?? { answered: 0, correct: 0 };
  }

  async quality(projectId: string): Promise<Omit<AnnotatorQuality, 'paused'>[]> {
    const rows = await this.sql.many<{ userId: string; name: string; email: string; role: MemberRole; annotations: number; answered: number; correct: number }>(
      `SELECT u.id::text AS "userId", u.name, u.email, m.role,
              coalesce((SELECT value FROM project_counters c WHERE c.project_id = m.project_id AND c.dimension = 'annotator' AND c.key = u.id::text), 0)::int AS annotations,
              (SELECT count(*) FROM honeypot_answers h WHERE h.project_id = m.project_id AND h.user_id = u.id
                 AND (m.checks_reset_at IS NULL OR h.created_at > m.checks_reset_at))::int AS answered,
              (SELECT count(*) FROM honeypot_answers h WHERE h.project_id = m.project_id AND h.user_id = u.id AND h.correct
                 AND (m.checks_reset_at IS NULL OR h.created_at > m.checks_reset_at))::int AS correct
         FROM project_members m JOIN users u ON u.id = m.user_id WHERE m.project_id = $1 ORDER BY u.name, u.email`,
      [projectId],
    );
    return rows.map((r) => ({
      userId: r.userId,
      name: r.name,
      email: r.email,
      role: r.role,
      annotations: r.annotations,
      checks: { answered: r.answered, correct: r.correct, accuracy: r.answered ? r.correct / r.answered : null },
    }));
  }

  /** An owner resumes a paused annotator: accuracy counts only checks answered from now on. */
  async resume(projectId: string, userId: string): Promise<boolean> {
    const rows = await this.sql.many(
      `UPDATE project_members SET checks_reset_at = now() WHERE project_id = $1 AND user_id = $2 RETURNING user_id`,
      [projectId, userId],
    );
    return rows.length > 0;
  }
}
