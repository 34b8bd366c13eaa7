import { z } from 'zod';

/** The roles a person holds in a project. */
export const MEMBER_ROLES = ['owner', 'engineer', 'reviewer', 'annotator'] as const;
export const memberRoleSchema = z.enum(MEMBER_ROLES);
export type MemberRole = z.infer<typeof memberRoleSchema>;

/**
 * Every role a caller may hold: the member roles, and `service`, which only API keys hold: a production service
 * that posts predictions and reads their decisions and verdicts (routes that say `service: true`), nothing else.
 */
export const ROLES = [...MEMBER_ROLES, 'service'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/**
 * Rank used for "at least this role" checks: owner ⊃ engineer ⊃ reviewer ⊃ annotator. `service` ranks below
 * annotator, so it passes no such check; routes that admit it say so explicitly.
 */
export const ROLE_RANK: Record<Role, number> = { service: 0, annotator: 1, reviewer: 2, engineer: 3, owner: 4 };

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
  /** 409: the idempotency key was already used for another item. */
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  /** 403: a submission for an item the queue never served to this annotator. */
  NotServed: 'ITEM_NOT_SERVED',
  /** 409: another's live lease holds it: an item's open slots (the annotator's own lease expired), or a production review. */
  LeaseLost: 'LEASE_LOST',
  /** 409: undo after the project's undo window, or after a reviewer decided the item. */
  UndoWindowPassed: 'UNDO_WINDOW_PASSED',
  ItemAdjudicated: 'ITEM_ADJUDICATED',
  /** 403: a reviewer deciding an item they labeled, where the project does not allow it. */
  SelfReview: 'SELF_REVIEW_FORBIDDEN',
  /** 409: the change would leave the project without an owner. */
  LastOwner: 'LAST_OWNER',
  /** 429 with Retry-After: too many failed sign-ins or bad API keys. */
  RateLimited: 'RATE_LIMITED',
  /** 403: a state-changing browser request from another origin (CSRF). */
  CrossOrigin: 'CROSS_ORIGIN_REQUEST',
  /** 413: an upload over UPLOAD_MAX_BYTES; nothing of it is imported. */
  UploadTooLarge: 'UPLOAD_TOO_LARGE',
  /** 408: an upload that paused longer than UPLOAD_IDLE_TIMEOUT_MS or ran past UPLOAD_TIMEOUT_MS; nothing imported. */
  UploadTimeout: 'UPLOAD_TIMEOUT',
  /** 503: a statement or a transaction ran past its server-side timeout (no connection in time is SERVICE_UNAVAILABLE). */
  DatabaseBusy: 'DATABASE_BUSY',
  /** 503 with `Retry-After`: the database or the queue is unreachable; retry (with the same idempotency key). */
  Unavailable: 'SERVICE_UNAVAILABLE',
  /** 429 from LF previews and code-LF saves: the project's LF evaluation slots are taken; see Retry-After. */
  LfBusy: 'LF_BUSY',
  /** 409 from `POST …/active-learning/rounds`: the project already has a round queued or running. */
  AlRoundInFlight: 'AL_ROUND_IN_FLIGHT',
  /** 429 with Retry-After from the prediction routes: the api process has its limit of decisions in flight; retry (same prediction ids). */
  Overloaded: 'OVERLOADED',
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

/**
 * Who may call a route, declared beside it and published in the OpenAPI document as `x-arbiter-access` (the
 * authorization matrix test reads every route's declaration from there): anyone; any signed-in user or API key;
 * instance admins; or members of the route's project with at least `role`. `keys` says whether API keys may call it
 * (`if-project-allows`: owner keys where the project's `keysManageAccess` is on); `service: true` also admits the
 * project's `service` keys (refused everywhere else, signed-in routes included).
 */
export const ACCESS_EXTENSION = 'x-arbiter-access';
export const KEY_ACCESS = ['allowed', 'refused', 'if-project-allows'] as const;
export type KeyAccess = (typeof KEY_ACCESS)[number];
export const routeAccessSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('public') }),
  z.object({ kind: z.literal('signed-in'), keys: z.enum(['allowed', 'refused']) }),
  z.object({ kind: z.literal('admin') }),
  z.object({ kind: z.literal('project'), role: memberRoleSchema, keys: z.enum(KEY_ACCESS), service: z.literal(true).optional() }),
]);
export type RouteAccess = z.infer<typeof routeAccessSchema>;
