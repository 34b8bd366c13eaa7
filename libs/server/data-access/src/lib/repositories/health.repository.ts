import { Injectable } from '@nestjs/common';
import { Sql } from '../sql';

@Injectable()
export class HealthRepository {
  constructor(private readonly sql: Sql) {}

  /** Round-trips to the database and returns its clock and the applied migration count. */
  async ping(): Promise<{ now: string; migrations: number }> {
    const row = await this.sql.one<{ now: string; migrations: number }>(
      `SELECT now()::text AS now, (SELECT count(*)::int FROM migrations) AS migrations`,
    );
    if (!row) throw new Error('no reply');
    return row;
  }

  /** A worker process is alive now (by the database's clock). */
  async beat(worker: { id: string; hostname: string; pid: number }): Promise<void> {
    await this.sql.many(
      `INSERT INTO worker_heartbeats (worker_id, hostname, pid) VALUES ($1, $2, $3)
       ON CONFLICT (worker_id) DO UPDATE SET seen_at = now()`,
      [worker.id, worker.hostname, worker.pid],
    );
  }

  /** A worker stopped gracefully; rows a day old are pruned (those of workers that died without saying so too). */
  async stopped(workerId: string): Promise<void> {
    await this.sql.many(`DELETE FROM worker_heartbeats WHERE seen_at < now() - interval '1 day'`);
    await this.sql.many(`UPDATE worker_heartbeats SET seen_at = now(), stopped_at = now() WHERE worker_id = $1`, [workerId]);
  }

  /** Running workers seen within the window, and when any worker was last seen. */
  async workersSeen(withinMs: number): Promise<{ live: number; lastSeenAt: string | null }> {
    const row = await this.sql.one<{ live: number; last_seen_at: Date | null }>(
      `SELECT count(*) FILTER (WHERE stopped_at IS NULL AND seen_at > now() - make_interval(secs => $1::double precision / 1000))::int AS live,
              max(seen_at) AS last_seen_at
         FROM worker_heartbeats`,
      [withinMs],
    );
    return { live: row?.live ?? 0, lastSeenAt: row?.last_seen_at ? new Date(row.last_seen_at).toISOString() : null };
  }
}
