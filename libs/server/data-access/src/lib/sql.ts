// Thin, predictable access to the pg pool TypeORM owns: rows back from every statement (TypeORM's query()
// returns [rows, count] for UPDATE/DELETE), explicit transactions, and a raw client for COPY.
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';

export type Queryable = Pick<PoolClient, 'query'>;

// Connection-level failures (the server is unreachable, restarting or shutting down; the connection dropped; no
// connection within the pool's timeout), as opposed to an error in a statement. A retry may succeed.
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not queryable|the database system is (starting up|shutting down)/i;

/** Whether err means the database could not be reached, so the request may be retried (a 503, not a 500). */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err as { code?: unknown; message?: unknown; driverError?: unknown } | null, depth = 0; e && depth < 3; depth++) {
    if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
    // TypeORM wraps the driver's error.
    e = e.driverError as typeof e;
  }
  return false;
}

// PostgreSQL ended a statement at statement_timeout (57014) or a session idle in a transaction (25P03): the database
// is up but busy, or the caller too slow. (A pool's own connect timeout reads as unavailable, above.)
const TIMEOUT_SQLSTATES = new Set(['57014', '25P03']);

/** Whether err is a server-side timeout of the statement or transaction (a 503 `DATABASE_BUSY`). */
export function isDatabaseTimeout(err: unknown): boolean {
  for (let e = err as { code?: unknown; driverError?: unknown } | null, depth = 0; e && depth < 3; depth++) {
    if (typeof e.code === 'string' && TIMEOUT_SQLSTATES.has(e.code)) return true;
    e = e.driverError as typeof e;
  }
  return false;
}

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
