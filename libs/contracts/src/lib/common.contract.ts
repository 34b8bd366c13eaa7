import { z } from 'zod';

export const ROLES = ['owner', 'engineer', 'reviewer', 'annotator'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Rank used for "at least this role" checks: owner ⊃ engineer ⊃ reviewer ⊃ annotator. */
export const ROLE_RANK: Record<Role, number> = { annotator: 1, reviewer: 2, engineer: 3, owner: 4 };

export const uuidSchema = z.uuid();
/** Item ids are PostgreSQL bigints, sent as decimal strings so no client loses precision. */
export const itemIdSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,18}$/, 'must be a positive integer id')
  // PostgreSQL's bigint ends at 9223372036854775807; compared as digits, so malformed input cannot throw here.
  .refine((s) => s.length < 19 || s <= '9223372036854775807', 'must be a positive integer id');

/** Path parameters are checked with these before they reach SQL: a malformed id is simply not found. */
export const isUuid = (s: string): boolean => uuidSchema.safeParse(s).success;
export const isItemId = (s: string): boolean => itemIdSchema.safeParse(s).success;

/**
 * The `code` of an error body for each business error (server and clients read these names from here).
 * Other answers carry `HTTP_<status>`, a Fastify code, or `INTERNAL` with a correlation id.
 */
export const ERROR_CODE = {
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Validation: 'VALIDATION_FAILED',
  Conflict: 'CONFLICT',
  ItemCompletedElsewhere: 'ITEM_COMPLETED_ELSEWHERE',
  NotLeased: 'NOT_LEASED',
  ImportRejected: 'IMPORT_REJECTED',
  BadFile: 'BAD_FILE',
  /** 403 from `tasks/next` and submissions: gold checks paused the annotator; the message says why. */
  Paused: 'ANNOTATOR_PAUSED',
  /** 429 from LF previews and code-LF saves: the project's LF evaluation slots are taken; see Retry-After. */
  LfBusy: 'LF_BUSY',
} as const;
export type ErrorCode = (typeof ERROR_CODE)[keyof typeof ERROR_CODE];

/** The body of every 4xx/5xx answer. */
export const errorResponseSchema = z.object({
  statusCode: z.number(),
  code: z.string(),
  message: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  correlationId: z.string().optional(),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
