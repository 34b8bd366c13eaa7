// GET /health: up or down per dependency, never an error message or a host; which workers have reported in.
import { z } from 'zod';

export const healthCheckSchema = z.object({ status: z.enum(['up', 'down']) });

export const workersCheckSchema = z.object({
  /** `down` when no worker has sent a heartbeat recently: jobs (agreement, LF runs, recounts) wait meanwhile. */
  status: z.enum(['up', 'down']),
  /** Worker processes with a recent heartbeat. */
  live: z.number().int().min(0),
  /** The newest heartbeat of any worker, or null when none was ever recorded (or the database is down). */
  lastSeenAt: z.string().nullable(),
});

export const healthResponseSchema = z.object({
  /**
   * `ok` (200): everything answers and a worker is live. `degraded` (200): the api serves, but no worker is live,
   * so background work waits. `down` (503): a required dependency (database, Redis, queue) does not answer.
   */
  status: z.enum(['ok', 'degraded', 'down']),
  checks: z.object({
    database: healthCheckSchema,
    /** `unused` when queues run on BullMQ's PostgreSQL backend. */
    redis: z.object({ status: z.enum(['up', 'down', 'unused']) }),
    queue: healthCheckSchema,
    workers: workersCheckSchema,
  }),
  queueBackend: z.enum(['redis', 'postgres']),
  embeddedDatabase: z.boolean(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;
