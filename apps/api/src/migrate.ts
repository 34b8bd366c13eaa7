// `npm run migrate`: applies pending migrations (advisory-locked) and exits.
import 'reflect-metadata';
import { createLogger, loadConfig } from '@arbiter/server/config';
import { runMigrations } from '@arbiter/server/data-access';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('migrate', config.LOG_LEVEL);
  const applied = await runMigrations({ url: config.DATABASE_URL });
  logger.info({ applied }, applied.length ? `applied ${applied.length} migration(s)` : 'database is up to date');
}

main().catch((err) => {
  process.stderr.write(`migration failed: ${err?.stack ?? err}\n`);
  process.exit(1);
});
