// The environment that tests and benchmarks read, parsed once like the application's config.
import { z } from 'zod';
import { ConfigError } from './config.schema';

export const testEnvSchema = z.object({
  TEST_ADMIN_DATABASE_URL: z.url().default('postgres://postgres@127.0.0.1:5432/postgres'),
  TEST_REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  // Handed on to the processes tests start; nothing else of the parent's environment is.
  PATH: z.string().default(''),
  HOME: z.string().optional(),
  BENCH_ROWS: z.coerce.number().int().positive().optional(),
  BENCH_RATINGS: z.coerce.number().int().positive().optional(),
  BENCH_REPEATS: z.coerce.number().int().positive().optional(),
  BENCH_SECONDS: z.coerce.number().int().positive().optional(),
});

export type TestEnv = z.infer<typeof testEnvSchema>;

let cached: TestEnv | undefined;

export function loadTestEnv(): TestEnv {
  if (cached) return cached;
  const result = testEnvSchema.safeParse(process.env);
  if (!result.success) throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  cached = result.data;
  return cached;
}

/** The minimal environment for a child process: where to find programs, and home. */
export function childProcessEnv(): Record<string, string> {
  const { PATH, HOME } = loadTestEnv();
  return HOME ? { PATH, HOME } : { PATH };
}
