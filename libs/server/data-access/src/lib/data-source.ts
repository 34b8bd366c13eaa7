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
}

export function createDataSource(options: DatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    // A connection attempt that hangs (the server unreachable) fails after 5 s and answers 503, not never.
    extra: { max: options.poolSize ?? 20, application_name: 'arbiter', connectionTimeoutMillis: 5000 },
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
