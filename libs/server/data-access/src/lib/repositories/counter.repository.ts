// Maintained per-project counters (status, annotator, label): read without scanning items or annotations.
import { Injectable } from '@nestjs/common';
import type { Queryable } from '../sql';
import { Sql } from '../sql';

export type CounterDimension = 'status' | 'annotator' | 'label';
export interface CounterDelta {
  dimension: CounterDimension;
  key: string;
  delta: number;
}

@Injectable()
export class CounterRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * Applies deltas inside the caller's transaction. Rows are touched in one sorted order so concurrent
   * submissions cannot deadlock on counter rows.
   */
  async apply(tx: Queryable, projectId: string, deltas: CounterDelta[]): Promise<void> {
    const merged = new Map<string, CounterDelta>();
    for (const d of deltas) {
      const k = `${d.dimension}\u0001${d.key}`;
      const prev = merged.get(k);
      merged.set(k, { ...d, delta: (prev?.delta ?? 0) + d.delta });
    }
    const rows = [...merged.values()]
      .filter((d) => d.delta !== 0)
      .sort((a, b) => (a.dimension + a.key < b.dimension + b.key ? -1 : 1));
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO project_counters (project_id, dimension, key, value)
       SELECT $1, d, k, v FROM unnest($2::text[], $3::text[], $4::bigint[]) WITH ORDINALITY AS t(d, k, v, o)
       ORDER BY o
       ON CONFLICT (project_id, dimension, key) DO UPDATE SET value = project_counters.value + EXCLUDED.value`,
      [projectId, rows.map((r) => r.dimension), rows.map((r) => r.key), rows.map((r) => r.delta)],
    );
  }

  async read(projectId: string): Promise<{ dimension: CounterDimension; key: string; value: number }[]> {
    return this.sql.many<{ dimension: CounterDimension; key: string; value: number }>(
      `SELECT dimension, key, value::float8 AS value FROM project_counters
       WHERE project_id = $1 AND value <> 0 ORDER BY dimension, key`,
      [projectId],
    );
  }

  /** Non-zero counters, with the annotator's display name for annotator counters. */
  async readNamed(projectId: string): Promise<{ dimension: CounterDimension; key: string; value: number; name: string | null }[]> {
    return this.sql.many(
      `SELECT c.dimension, c.key, c.value::float8 AS value, u.name
         FROM project_counters c LEFT JOIN users u ON c.dimension = 'annotator' AND u.id::text = c.key
        WHERE c.project_id = $1 AND c.value <> 0 ORDER BY c.dimension, c.key`,
      [projectId],
    );
  }

  /** Rebuilds a project's counters from the tables they summarise (repair after a manual edit). */
  async recount(projectId: string): Promise<void> {
    await this.sql.tx(async (m) => {
      await m.query(`SELECT 1 FROM projects WHERE id = $1 FOR UPDATE`, [projectId]);
      await m.query(`DELETE FROM project_counters WHERE project_id = $1`, [projectId]);
      await m.query(
        `INSERT INTO project_counters (project_id, dimension, key, value)
         SELECT $1, 'status', status, count(*) FROM items WHERE project_id = $1 GROUP BY status
         UNION ALL
         SELECT $1, 'annotator', user_id::text, count(*) FROM annotations WHERE project_id = $1 GROUP BY user_id
         UNION ALL
         SELECT $1, 'label', l::text, count(*) FROM annotations, unnest(labels) AS l
          WHERE project_id = $1 GROUP BY l`,
        [projectId],
      );
    });
  }
}
