import { z } from 'zod';

export const healthCheckSchema = z.object({ status: z.enum(['up', 'down']), detail: z.string().optional() });

export const healthResponseSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  checks: z.object({ database: healthCheckSchema, redis: healthCheckSchema, queue: healthCheckSchema }),
  queueBackend: z.enum(['redis', 'postgres']),
  embeddedDatabase: z.boolean(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;
