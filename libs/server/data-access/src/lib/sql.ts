// Thin, predictable access to the pg pool TypeORM owns: rows back from every statement (TypeORM's query()
// returns [rows, count] for UPDATE/DELETE), explicit transactions, and a raw client for COPY.
import { Inject, Injectable } from '@nestjs/common';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';

export type Queryable = Pick<PoolClient, 'query'>;

@Injectable()
export class Sql {
  readonly pool: Pool;

  constructor(@Inject(DataSource) ds: DataSource) {
    this.pool = (ds.driver as unknown as { master: Pool }).master;
  }

  async many<T extends QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query<T>(text, params)).rows;
  }

  async one<T extends QueryResultRow>(text: string, params: unknown[] = []): Promise<T | null> {
    return (await this.pool.query<T>(text, params)).rows[0] ?? null;
  }

  /** Runs fn in a transaction on one client; rolls back on any throw. */
  async tx<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
