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
}
