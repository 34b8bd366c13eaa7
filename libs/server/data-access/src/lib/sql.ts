// Thin, predictable access to the pg pool TypeORM owns: rows back from every statement (TypeORM's query()
// returns [rows, count] for UPDATE/DELETE), explicit transactions, and a raw client for COPY.
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';

export type Queryable = Pick<PoolClient, 'query'>;

@Injectable()
export class Sql {
  readonly pool: Pool;

  private readonly logger = new Logger('Sql');

  constructor(@Inject(DataSource) ds: DataSource) {
    this.pool = (ds.driver as unknown as { master: Pool }).master;
    this.pool.on('error', (err) => this.logger.warn(`idle database connection failed: ${err.message}`));
  }

  /** A pooled client whose connection-level errors reject its queries instead of crashing the process. */
  async connect(): Promise<PoolClient> {
    const client = await this.pool.connect();
    const onError = (err: Error) => this.logger.warn(`database connection failed: ${err.message}`);
    client.on('error', onError);
    const release = client.release.bind(client);
    client.release = (destroy?: boolean | Error) => {
      client.off('error', onError);
      release(destroy);
    };
    return client;
  }

  async many<T extends QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
    return (await this.pool.query<T>(text, params)).rows;
  }

  async one<T extends QueryResultRow>(text: string, params: unknown[] = []): Promise<T | null> {
    return (await this.pool.query<T>(text, params)).rows[0] ?? null;
  }

  /** Runs fn in a transaction on one client; rolls back on any throw. */
  async tx<T>(fn: (c: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.connect();
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
