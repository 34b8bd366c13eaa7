import { z } from 'zod';

export const ROLES = ['owner', 'engineer', 'reviewer', 'annotator'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Rank used for "at least this role" checks: owner ⊃ engineer ⊃ reviewer ⊃ annotator. */
export const ROLE_RANK: Record<Role, number> = { annotator: 1, reviewer: 2, engineer: 3, owner: 4 };

export const uuidSchema = z.uuid();
/** Item ids are PostgreSQL bigints, sent as decimal strings so no client loses precision. */
export const itemIdSchema = z.string().regex(/^[1-9][0-9]{0,18}$/, 'must be a positive integer id');

/** The body of every 4xx/5xx answer. */
export const errorResponseSchema = z.object({
  statusCode: z.number(),
  code: z.string(),
  message: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  correlationId: z.string().optional(),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
