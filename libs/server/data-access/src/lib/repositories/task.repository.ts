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
  | { kind: 'not-served' }
  | { kind: 'paused' }
  | { kind: 'lease-lost' }
  | { kind: 'completed-elsewhere' };

export type UndoOutcome =
  | { kind: 'undone'; undone: Annotation; task: Task }
  | { kind: 'nothing' }
  | { kind: 'window-passed'; submittedAt: string }
  | { kind: 'adjudicated'; itemId: string };

/** The advisory lock a submission holds for its (annotator, idempotency key) until it commits. */
export const submissionLockKey = (userId: string, key: string) => `submit:${userId}:${key}`;

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

  /**
   * Leases the next open slot: first those of items active learning selected (al_selections, by round and rank),
   * then the rest in id order. One query, so both orders share the same lease, overlap and serving rules; the
   * usual order is only scanned when no selected item is open to this annotator.
   */
  private async claimOne(c: PoolClient, projectId: string, userId: string, leaseSeconds: number): Promise<Task | null> {
    const open = `s.project_id = $1
            AND (s.state = 'free' OR (s.state = 'leased' AND s.lease_expires_at < now()))
            AND NOT EXISTS (SELECT 1 FROM task_slots o WHERE o.item_id = s.item_id AND o.user_id = $2)
            AND NOT EXISTS (SELECT 1 FROM skips k WHERE k.user_id = $2 AND k.item_id = s.item_id)
            AND NOT EXISTS (SELECT 1 FROM honeypot_leases l WHERE l.user_id = $2 AND l.item_id = s.item_id)
            AND NOT EXISTS (SELECT 1 FROM honeypot_answers h WHERE h.user_id = $2 AND h.item_id = s.item_id)`;
    const { rows } = await c.query<TaskRow>(
      `WITH chosen AS (
         SELECT s.item_id, s.slot FROM al_selections sel JOIN task_slots s ON s.item_id = sel.item_id
          WHERE sel.project_id = $1 AND ${open}
          ORDER BY sel.created_at, sel.rank, s.slot
          LIMIT 1
          FOR UPDATE OF s SKIP LOCKED),
       usual AS (
         SELECT s.item_id, s.slot FROM task_slots s
          WHERE NOT EXISTS (SELECT 1 FROM chosen) AND ${open}
          ORDER BY s.item_id, s.slot
          LIMIT 1
          FOR UPDATE SKIP LOCKED),
       pick AS (SELECT item_id, slot FROM chosen UNION ALL SELECT item_id, slot FROM usual),
       claimed AS (
         UPDATE task_slots t SET state = 'leased', user_id = $2, leased_at = now(),
                lease_expires_at = now() + make_interval(secs => $3)
           FROM pick WHERE t.item_id = pick.item_id AND t.slot = pick.slot
         RETURNING t.item_id, t.lease_expires_at),
       -- Only items served to an annotator may be submitted by them (see submit).
       served AS (
         INSERT INTO item_servings (item_id, user_id, project_id) SELECT item_id, $2, $1 FROM claimed
         ON CONFLICT DO NOTHING)
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
   * Stores an annotation. Only an item the queue served to the annotator may be submitted (or a gold check they
   * hold). It goes into their own slot; if their lease was lost, into a free slot, else another annotator's expired
   * lease; a live lease of someone else is never taken (that annotator is working on it). With nothing left the
   * item was completed elsewhere, or its open slots are held by others: either way nothing is stored.
   * `onlyHeld` (a paused annotator) accepts only items held under a live lease right now.
   */
  async submit(projectId: string, userId: string, itemId: string, labels: number[], key: string, onlyHeld = false): Promise<SubmitOutcome> {
    return this.sql.tx(async (c) => {
      // One annotator's submissions with one key run one at a time, so a key reused on two items concurrently is a
      // clean 409, not a unique violation.
      await c.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [submissionLockKey(userId, key)]);
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
      if (onlyHeld && !(await this.holdsLive(c, userId, itemId))) return { kind: 'paused' };
      const check = await this.honeypots.answer(c, projectId, userId, itemId, labels, key);
      if (check) return { kind: 'checked', annotation: toAnnotation({ ...check, userId, slot: -1 }) };
      if (await this.honeypots.hasAnswered(c, userId, itemId)) return { kind: 'already-labeled' };
      const mine = await c.query(`SELECT 1 FROM annotations WHERE item_id = $1 AND user_id = $2`, [itemId, userId]);
      if (mine.rowCount) return { kind: 'already-labeled' };
      const served = await c.query(`SELECT 1 FROM item_servings WHERE item_id = $1 AND user_id = $2`, [itemId, userId]);
      if (!served.rowCount) return { kind: 'not-served' };

      const slot = await c.query<{ slot: number }>(
        `SELECT slot FROM task_slots
          WHERE item_id = $1 AND state <> 'done'
            AND (user_id = $2 OR state = 'free' OR lease_expires_at < now())
          ORDER BY (user_id IS NOT DISTINCT FROM $2) DESC, (state = 'free') DESC, slot
          LIMIT 1 FOR UPDATE`,
        [itemId, userId],
      );
      if (!slot.rows[0]) {
        const open = await c.query(`SELECT 1 FROM task_slots WHERE item_id = $1 AND state <> 'done' LIMIT 1`, [itemId]);
        return { kind: open.rowCount ? 'lease-lost' : 'completed-elsewhere' };
      }
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

  /** Whether the annotator holds the item under a live lease right now (a task slot or a gold check). */
  private async holdsLive(c: PoolClient, userId: string, itemId: string): Promise<boolean> {
    const { rowCount } = await c.query(
      `SELECT 1 FROM task_slots WHERE item_id = $1 AND user_id = $2 AND state = 'leased' AND lease_expires_at > now()
       UNION ALL
       SELECT 1 FROM honeypot_leases WHERE item_id = $1 AND user_id = $2 AND lease_expires_at > now()`,
      [itemId, userId],
    );
    return !!rowCount;
  }

  /** Whether the user annotated the project's item (a reviewer about to decide their own item). */
  async labeledBy(projectId: string, itemId: string, userId: string): Promise<boolean> {
    return !!(await this.sql.one(`SELECT 1 AS x FROM annotations WHERE project_id = $1 AND item_id = $2 AND user_id = $3`, [projectId, itemId, userId]));
  }

  /**
   * Removes the annotator's latest annotation in the project and leases its item back to them: only within the
   * window (by the database clock), and never once a reviewer has decided the item.
   */
  async undoLast(projectId: string, userId: string, leaseSeconds: number, windowSeconds: number): Promise<UndoOutcome> {
    return this.sql.tx(async (c) => {
      const last = await c.query<AnnotationRow & { inWindow: boolean }>(
        `SELECT ${ANNOTATION_COLUMNS}, created_at > now() - make_interval(secs => $3) AS "inWindow"
           FROM annotations a WHERE a.project_id = $1 AND a.user_id = $2 ORDER BY a.id DESC LIMIT 1`,
        [projectId, userId, windowSeconds],
      );
      const a = last.rows[0];
      if (!a) return { kind: 'nothing' };
      if (!a.inWindow) return { kind: 'window-passed', submittedAt: new Date(a.createdAt).toISOString() };
      // Locked before the check, so a decision cannot land between the check and the delete.
      const item = await c.query<{ status: string; decided: boolean }>(
        `SELECT status, gold_source = 'review' OR EXISTS (SELECT 1 FROM review_queue q WHERE q.item_id = i.id AND q.status = 'decided') AS decided
           FROM items i WHERE id = $1 FOR UPDATE`,
        [a.itemId],
      );
      if (item.rows[0]?.decided) return { kind: 'adjudicated', itemId: a.itemId };
      const gone = await c.query(`DELETE FROM annotations WHERE id = $1 RETURNING id`, [a.id]);
      if (!gone.rowCount) return { kind: 'nothing' };
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
      return { kind: 'undone', undone: toAnnotation(a), task: toTask(task.rows[0]) };
    });
  }
}
