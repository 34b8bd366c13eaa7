// The whole environment Arbiter reads, parsed once at boot. Nothing else touches process.env.
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/arbiter'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  // 'redis' is the production shape; 'postgres' runs BullMQ on its PostgreSQL backend over DATABASE_URL.
  QUEUE_BACKEND: z.enum(['redis', 'postgres']).default('redis'),
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]+$/i).default('arbiter'),
  EMBEDDED_DATABASE: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).default(24 * 7),
  COOKIE_SECURE: bool.default(false),
  WEB_DIST: z.string().default('dist/web'),
  DATA_DIR: z.string().default('.arbiter'),
  INGEST_MAX_ERRORS: z.coerce.number().int().min(1).default(100),
  // Items per LF chunk job, and chunk jobs one worker process runs at once.
  LF_CHUNK_SIZE: z.coerce.number().int().min(1).max(100_000).default(2000),
  LF_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  // An LF preview's time budget (past it, the preview answers for the items evaluated so far), and the previews
  // and code-LF checks one project may have in flight in one api process (more are answered 429 LF_BUSY).
  LF_PREVIEW_BUDGET_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  LF_PREVIEW_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  // How long a worker's job lock lasts without renewal: a job of a crashed worker is retried after about this long.
  QUEUE_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
});

export type AppConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`);
  }
}

export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return result.data;
}

let cached: AppConfig | undefined;

/** The process-wide config: parsed on first use; exits listing every bad key. */
export function loadConfig(): AppConfig {
  if (cached) return cached;
  try {
    cached = parseConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  return cached;
}
