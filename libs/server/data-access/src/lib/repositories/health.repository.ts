import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class HealthRepository {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  /** Round-trips to the database and returns its clock and the applied migration count. */
  async ping(): Promise<{ now: string; migrations: number }> {
    const [row] = await this.ds.query(
      `SELECT now()::text AS now, (SELECT count(*)::int FROM migrations) AS migrations`,
    );
    return { now: row.now, migrations: row.migrations };
  }
}
