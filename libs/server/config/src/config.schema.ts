// The whole environment Arbiter reads, parsed once at boot. Nothing else touches process.env.
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

const ms = (max: number) => z.coerce.number().int().min(0).max(max);

const baseSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/arbiter'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  // Server-side limits on each api connection (0 = none), so a stuck query or an abandoned transaction frees its
  // connection; the worker's jobs run longer statements and have their own. Not applied to the embedded database.
  DATABASE_STATEMENT_TIMEOUT_MS: ms(86_400_000).default(30_000),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: ms(86_400_000).default(60_000),
  WORKER_DATABASE_STATEMENT_TIMEOUT_MS: ms(86_400_000).default(600_000),
  WORKER_DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: ms(86_400_000).default(300_000),
  // How long a request waits for a pooled connection (or a new one) before it is answered 503.
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
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
  // Uploads: the largest accepted body, the longest pause between two pieces of it, and the longest upload.
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).default(512 * 1024 * 1024),
  UPLOAD_IDLE_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  UPLOAD_TIMEOUT_MS: z.coerce.number().int().min(100).max(86_400_000).default(600_000),
  // Imports holding a database connection at once per api process (the rest wait); default half the pool.
  IMPORT_MAX_CONCURRENT: z.coerce.number().int().min(1).optional(),
  // An item's metadata as JSON, and a page of items or review items, in bytes: a page stops early at the budget.
  ITEM_METADATA_MAX_BYTES: z.coerce.number().int().min(256).max(64 * 1024 * 1024).default(64 * 1024),
  PAGE_MAX_BYTES: z.coerce.number().int().min(1024).max(256 * 1024 * 1024).default(4 * 1024 * 1024),
  // Items per LF chunk job, and chunk jobs one worker process runs at once.
  LF_CHUNK_SIZE: z.coerce.number().int().min(1).max(100_000).default(2000),
  LF_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  // An LF preview's time budget (past it, the preview answers for the items evaluated so far), and the previews
  // and code-LF checks one project may have in flight in one api process (more are answered 429 LF_BUSY).
  LF_PREVIEW_BUDGET_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  LF_PREVIEW_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  // Active learning: pool items per scoring chunk job, and active-learning jobs one worker process runs at once (their
  // computing shares the process's one ML thread; more jobs overlap their database reads and writes with it).
  AL_CHUNK_SIZE: z.coerce.number().int().min(1).max(100_000).default(5000),
  AL_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  // How long a worker's job lock lasts without renewal: a job of a crashed worker is retried after about this long.
  QUEUE_LOCK_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  // Sign-in and credential abuse: failures counted per account and per address within a window (then 429).
  AUTH_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(10_000).default(10),
  AUTH_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(100),
  // Behind a reverse proxy: take the client address from X-Forwarded-For (for the per-address limits).
  TRUST_PROXY: bool.default(false),
  // Other origins (scheme://host:port, comma-separated) whose browser pages may send state-changing requests and
  // open sockets, besides the api's own origin.
  TRUSTED_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean)),
  // /health gives each dependency this long to answer before calling it down.
  HEALTH_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(2000),
  // Workers record a heartbeat this often; /health counts a worker live for three periods after its last one.
  WORKER_HEARTBEAT_MS: z.coerce.number().int().min(500).max(300_000).default(5000),
  // Prediction requests (single or batch) one api process decides at once; more are answered 429 with Retry-After.
  PREDICTIONS_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(64),
  // With a reviewer budget, how long an api process reuses a project's queue and arrival readings to price reviews.
  ROUTING_READINGS_TTL_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
  // Workers push monitoring alerts of model versions with traffic over project webhooks this often.
  MONITOR_ALERT_MS: z.coerce.number().int().min(100).max(86_400_000).default(300_000),
  // Workers look for production reviews past their SLA deadline this often (escalation happens within a period).
  SLA_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
  // Agreement is recomputed this long after the last change, but never later than MAX_WAIT after the first.
  AGREEMENT_DEBOUNCE_MS: z.coerce.number().int().min(0).max(600_000).default(500),
  AGREEMENT_MAX_WAIT_MS: z.coerce.number().int().min(0).max(3_600_000).default(3000),
  // Verdict webhooks: sends per delivery before it is dead, the first retry's delay (doubling after each failure:
  // by default 5 s … about 2.8 h for the last), a send's time limit, and how often workers re-queue pending
  // deliveries whose job was lost (e.g. a Redis restart without persistence).
  WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(12),
  WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(5000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  WEBHOOK_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** How often workers give newly labeled items their split, open the snapshots triggers ask for, and re-queue lost builds. */
  SNAPSHOT_SWEEP_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** A build `building` for longer than this with no job waiting or running is queued again. */
  SNAPSHOT_STALL_MS: z.coerce.number().int().min(0).max(86_400_000).default(120_000),
});

export const configSchema = baseSchema
  .superRefine((c, ctx) => {
    if (c.IMPORT_MAX_CONCURRENT !== undefined && c.DATABASE_POOL_SIZE > 1 && c.IMPORT_MAX_CONCURRENT >= c.DATABASE_POOL_SIZE) {
      ctx.addIssue({
        code: 'custom',
        path: ['IMPORT_MAX_CONCURRENT'],
        message: `must be below DATABASE_POOL_SIZE (${c.DATABASE_POOL_SIZE}), or uploads could hold every connection`,
      });
    }
  })
  .transform((c) => ({ ...c, IMPORT_MAX_CONCURRENT: c.IMPORT_MAX_CONCURRENT ?? Math.max(1, Math.floor(c.DATABASE_POOL_SIZE / 2)) }));

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
