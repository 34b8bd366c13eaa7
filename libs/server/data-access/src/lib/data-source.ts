// The one PostgreSQL connection pool, and the migrate command's entry point.
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '@arbiter/migrations';

export interface DatabaseOptions {
  url: string;
  poolSize?: number;
  /**
   * How bulk rows reach PostgreSQL: `copy` (COPY FROM STDIN, the default) or `insert` (batched INSERT from
   * unnest arrays) for the embedded PGlite socket, which cannot carry the COPY sub-protocol.
   */
  bulkInsert?: 'copy' | 'insert';
  /**
   * PostgreSQL's statement_timeout and idle_in_transaction_session_timeout for every connection, in ms (unset or
   * 0: none), so a runaway query or an abandoned transaction gives its connection back. Sent at connect time;
   * leave unset for the embedded database, whose connections share one session.
   */
  statementTimeoutMs?: number;
  idleInTransactionTimeoutMs?: number;
  /** How long a caller waits for a pooled or a new connection before pg-pool gives up. */
  connectTimeoutMs?: number;
  /** Imports that may hold a connection at once (ItemRepository.importRows); the rest wait for a turn. */
  importConcurrency?: number;
}

/** The pg pool settings the options ask for; timeouts left unset (or 0) are not sent. */
export function poolOptions(options: DatabaseOptions): Record<string, unknown> {
  const extra: Record<string, unknown> = { max: options.poolSize ?? 20, application_name: 'arbiter' };
  if (options.connectTimeoutMs) extra['connectionTimeoutMillis'] = options.connectTimeoutMs;
  if (options.statementTimeoutMs) extra['statement_timeout'] = options.statementTimeoutMs;
  if (options.idleInTransactionTimeoutMs) extra['idle_in_transaction_session_timeout'] = options.idleInTransactionTimeoutMs;
  return extra;
}

export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    extra: poolOptions(options),
  });
}

// Any fixed 64-bit number: serialises concurrent `migrate` runs across processes.
const MIGRATION_LOCK = 7_411_020_231;

/** Applies pending migrations under an advisory lock; returns the names applied. */
export async function runMigrations(options: DatabaseOptions): Promise<string[]> {
  const ds = createDataSource({ ...options, poolSize: 2 });
  await ds.initialize();
  const runner = ds.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
    await ds.destroy();
  }
}
