// Task leases and annotations. An item has one task_slots row per overlap slot; a slot is free, leased to one
// annotator until a database-clock deadline, or done. Claims use FOR UPDATE SKIP LOCKED; submissions lock the
// item row, so concurrent submissions for one item serialise and never exceed its slots.
import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import type { Annotation, Task } from '@arbiter/contracts';
import { taskSelect, TaskRow, toTask } from './task-row';
import { Sql } from '../sql';
import { CounterDelta, CounterRepository } from './counter.repository';
import { HoneypotRepository } from './honeypot.repository';

interface AnnotationRow {
  id: string;
  itemId: string;
  userId: string;
  labels: number[];
  idempotencyKey: string;
  createdAt: Date;
  slot: number;
}

const ANNOTATION_COLUMNS = `id::text AS id, item_id::text AS "itemId", user_id AS "userId", labels::int[] AS labels,
  idempotency_key AS "idempotencyKey", created_at AS "createdAt", slot`;

export type SubmitOutcome =
  | { kind: 'created' | 'replayed' | 'checked'; annotation: Annotation }
  | { kind: 'item-not-found' }
  | { kind: 'key-reused'; itemId: string }
  | { kind: 'already-labeled' }
  | { kind: 'completed-elsewhere' };

function toAnnotation(r: AnnotationRow): Annotation {
  return { id: r.id, itemId: r.itemId, userId: r.userId, labels: r.labels, idempotencyKey: r.idempotencyKey, createdAt: new Date(r.createdAt).toISOString() };
}

function statusDeltas(before: string, after: string): CounterDelta[] {
  return before === after
    ? []
    : [
        { dimension: 'status', key: before, delta: -1 },
        { dimension: 'status', key: after, delta: 1 },
      ];
}

@Injectable()
export class TaskRepository {
  constructor(
    private readonly sql: Sql,
    private readonly counters: CounterRepository,
    private readonly honeypots: HoneypotRepository,
  ) {}

  /**
   * Renews the annotator's held leases, then claims new slots until `count` are held. One annotator's claims
   * are serialised by an advisory lock; different annotators never wait on each other (SKIP LOCKED).
   */
  async claim(projectId: string, userId: string, count: number, leaseSeconds: number, goldShare = 0): Promise<Task[]> {
    return this.sql.tx(async (c) => {
      await c.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`claim:${projectId}:${userId}`]);
      const held = await c.query<TaskRow & { leasedAt: Date }>(
        `WITH renewed AS (
           UPDATE task_slots SET lease_expires_at = now() + make_interval(secs => $3)
            WHERE project_id = $1 AND user_id = $2 AND state = 'leased' RETURNING item_id, leased_at, lease_expires_at)
         ${taskSelect('renewed').replace('SELECT i.id::text AS id,', 'SELECT s.leased_at AS "leasedAt", i.id::text AS id,')}`,
        [projectId, userId, leaseSeconds],
      );
      const checks = await this.honeypots.renewHeld(c, projectId, userId, leaseSeconds);
      const tasks = [...held.rows, ...checks]
        .sort((a, b) => new Date(a.leasedAt).getTime() - new Date(b.leasedAt).getTime() || Number(a.id) - Number(b.id))
        .map(toTask);
      while (tasks.length < count) {
        // A gold check when one is due and left; otherwise the next open slot. Checks never outlast real work.
        const check = (await this.honeypots.due(c, projectId, userId, goldShare, tasks.length))
          ? await this.honeypots.claim(c, projectId, userId, leaseSeconds)
          : null;
        const next = check ? toTask(check) : await this.claimOne(c, projectId, userId, leaseSeconds);
        if (!next) break;
        tasks.push(next);
      }
      return tasks;
    });
  }

  private async claimOne(c: PoolClient, projectId: string, userId: string, leaseSeconds: number): Promise<Task | null> {
    const { rows } = await c.query<TaskRow>(
      `WITH pick AS (
         SELECT s.item_id, s.slot FROM task_slots s
          WHERE s.project_id = $1
            AND (s.state = 'free' OR (s.state = 'leased' AND s.lease_expires_at < now()))
            AND NOT EXISTS (SELECT 1 FROM task_slots o WHERE o.item_id = s.item_id AND o.user_id = $2)
            AND NOT EXISTS (SELECT 1 FROM skips k WHERE k.user_id = $2 AND k.item_id = s.item_id)
            AND NOT EXISTS (SELECT 1 FROM honeypot_leases l WHERE l.user_id = $2 AND l.item_id = s.item_id)
            AND NOT EXISTS (SELECT 1 FROM honeypot_answers h WHERE h.user_id = $2 AND h.item_id = s.item_id)
          ORDER BY s.item_id, s.slot
          LIMIT 1
          FOR UPDATE SKIP LOCKED),
       claimed AS (
         UPDATE task_slots t SET state = 'leased', user_id = $2, leased_at = now(),
                lease_expires_at = now() + make_interval(secs => $3)
           FROM pick WHERE t.item_id = pick.item_id AND t.slot = pick.slot
         RETURNING t.item_id, t.lease_expires_at)
       ${taskSelect('claimed')}`,
      [projectId, userId, leaseSeconds],
    );
    return rows[0] ? toTask(rows[0]) : null;
  }

  /** Items labeled by the annotator, and items still open to them (not completed, not labeled or skipped by them). */
  async progress(projectId: string, userId: string): Promise<{ done: number; remaining: number }> {
    const row = await this.sql.one<{ done: number; open: number; mineOpen: number; skippedOpen: number }>(
      `SELECT
         coalesce((SELECT value FROM project_counters WHERE project_id = $1 AND dimension = 'annotator' AND key = $2::text), 0)::int AS done,
         coalesce((SELECT sum(value) FROM project_counters WHERE project_id = $1 AND dimension = 'status' AND key IN ('new', 'in_progress')), 0)::int AS open,
         (SELECT count(*) FROM annotations a JOIN items i ON i.id = a.item_id
           WHERE a.project_id = $1 AND a.user_id = $2::uuid AND i.status = 'in_progress')::int AS "mineOpen",
         (SELECT count(*) FROM skips k JOIN items i ON i.id = k.item_id
           WHERE k.project_id = $1 AND k.user_id = $2::uuid AND i.status <> 'completed')::int AS "skippedOpen"`,
      [projectId, userId],
    );
    return { done: row?.done ?? 0, remaining: Math.max(0, (row?.open ?? 0) - (row?.mineOpen ?? 0) - (row?.skippedOpen ?? 0)) };
  }

  /** Releases the annotator's lease on the item and never offers it to them again; false if not in the project. */
  async skip(projectId: string, userId: string, itemId: string): Promise<boolean> {
    return this.sql.tx(async (c) => {
      const item = await c.query(`SELECT 1 FROM items WHERE id = $1 AND project_id = $2`, [itemId, projectId]);
      if (item.rowCount === 0) return false;
      await c.query(`INSERT INTO skips (user_id, item_id, project_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [userId, itemId, projectId]);
      await this.honeypots.release(c, userId, itemId);
      await c.query(
        `UPDATE task_slots SET state = 'free', user_id = NULL, leased_at = NULL, lease_expires_at = NULL
          WHERE item_id = $1 AND user_id = $2 AND state = 'leased'`,
        [itemId, userId],
      );
      return true;
    });
  }

  async findByKey(userId: string, key: string): Promise<(Annotation & { projectId: string }) | null> {
    const row = await this.sql.one<AnnotationRow & { projectId: string }>(
      `SELECT ${ANNOTATION_COLUMNS}, project_id AS "projectId" FROM annotations WHERE user_id = $1 AND idempotency_key = $2`,
      [userId, key],
    );
    return row ? { ...toAnnotation(row), projectId: row.projectId } : null;
  }

  /**
   * Stores an annotation into the annotator's slot; if their lease was lost, into any free, expired or (last
   * resort) most recently leased slot of the item. When every slot is done the item was completed elsewhere.
   */
  async submit(projectId: string, userId: string, itemId: string, labels: number[], key: string): Promise<SubmitOutcome> {
    return this.sql.tx(async (c) => {
      const item = await c.query<{ status: string }>(
        `SELECT status FROM items WHERE id = $1 AND project_id = $2 FOR UPDATE`,
        [itemId, projectId],
      );
      if (!item.rows[0]) return { kind: 'item-not-found' };
      const prior = await c.query<AnnotationRow>(
        `SELECT ${ANNOTATION_COLUMNS} FROM annotations WHERE user_id = $1 AND idempotency_key = $2`,
        [userId, key],
      );
      if (prior.rows[0]) {
        return prior.rows[0].itemId === itemId
          ? { kind: 'replayed', annotation: toAnnotation(prior.rows[0]) }
          : { kind: 'key-reused', itemId: prior.rows[0].itemId };
      }
      // A gold check is answered like any task but scored, not counted as an annotation.
      const priorCheck = await this.honeypots.findByKey(c, userId, key);
      if (priorCheck) {
        return priorCheck.itemId === itemId
          ? { kind: 'replayed', annotation: toAnnotation({ ...priorCheck, userId, slot: -1 }) }
          : { kind: 'key-reused', itemId: priorCheck.itemId };
      }
      const check = await this.honeypots.answer(c, projectId, userId, itemId, labels, key);
      if (check) return { kind: 'checked', annotation: toAnnotation({ ...check, userId, slot: -1 }) };
      if (await this.honeypots.hasAnswered(c, userId, itemId)) return { kind: 'already-labeled' };
      const mine = await c.query(`SELECT 1 FROM annotations WHERE item_id = $1 AND user_id = $2`, [itemId, userId]);
      if (mine.rowCount) return { kind: 'already-labeled' };

      const slot = await c.query<{ slot: number }>(
        `SELECT slot FROM task_slots WHERE item_id = $1 AND state <> 'done'
          ORDER BY (user_id = $2) DESC NULLS LAST, (state = 'free') DESC,
                   (state = 'leased' AND lease_expires_at < now()) DESC, leased_at DESC, slot
          LIMIT 1 FOR UPDATE`,
        [itemId, userId],
      );
      if (!slot.rows[0]) return { kind: 'completed-elsewhere' };
      await c.query(
        `UPDATE task_slots SET state = 'done', user_id = $3, lease_expires_at = NULL WHERE item_id = $1 AND slot = $2`,
        [itemId, slot.rows[0].slot, userId],
      );
      const inserted = await c.query<AnnotationRow>(
        `INSERT INTO annotations (project_id, item_id, user_id, slot, labels, idempotency_key)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${ANNOTATION_COLUMNS}`,
        [projectId, itemId, userId, slot.rows[0].slot, labels, key],
      );
      const after = await c.query<{ status: string }>(
        `UPDATE items SET annotation_count = annotation_count + 1,
            status = CASE WHEN EXISTS (SELECT 1 FROM task_slots WHERE item_id = $1 AND state <> 'done')
                          THEN 'in_progress' ELSE 'completed' END
          WHERE id = $1 RETURNING status`,
        [itemId],
      );
      await this.counters.apply(c, projectId, [
        ...statusDeltas(item.rows[0].status, after.rows[0].status),
        { dimension: 'annotator', key: userId, delta: 1 },
        ...labels.map((l) => ({ dimension: 'label' as const, key: String(l), delta: 1 })),
      ]);
      return { kind: 'created', annotation: toAnnotation(inserted.rows[0]) };
    });
  }

  /** Removes the annotator's latest annotation in the project and leases its item back to them. */
  async undoLast(projectId: string, userId: string, leaseSeconds: number): Promise<{ undone: Annotation; task: Task } | null> {
    return this.sql.tx(async (c) => {
      const last = await c.query<AnnotationRow>(
        `SELECT ${ANNOTATION_COLUMNS} FROM annotations a WHERE a.project_id = $1 AND a.user_id = $2 ORDER BY a.id DESC LIMIT 1`,
        [projectId, userId],
      );
      const a = last.rows[0];
      if (!a) return null;
      const item = await c.query<{ status: string }>(`SELECT status FROM items WHERE id = $1 FOR UPDATE`, [a.itemId]);
      const gone = await c.query(`DELETE FROM annotations WHERE id = $1 RETURNING id`, [a.id]);
      if (!gone.rowCount) return null;
      await c.query(
        `UPDATE task_slots SET state = 'leased', user_id = $3, leased_at = now(),
                lease_expires_at = now() + make_interval(secs => $4)
          WHERE item_id = $1 AND slot = $2`,
        [a.itemId, a.slot, userId, leaseSeconds],
      );
      const after = await c.query<{ status: string }>(
        `UPDATE items SET annotation_count = annotation_count - 1,
            status = CASE WHEN annotation_count - 1 = 0 THEN 'new' ELSE 'in_progress' END
          WHERE id = $1 RETURNING status`,
        [a.itemId],
      );
      await this.counters.apply(c, projectId, [
        ...statusDeltas(item.rows[0].status, after.rows[0].status),
        { dimension: 'annotator', key: userId, delta: -1 },
        ...a.labels.map((l) => ({ dimension: 'label' as const, key: String(l), delta: -1 })),
      ]);
      const task = await c.query<TaskRow>(`${taskSelect('task_slots')} WHERE s.item_id = $1 AND s.slot = $2`, [a.itemId, a.slot]);
      return { undone: toAnnotation(a), task: toTask(task.rows[0]) };
    });
  }
}
