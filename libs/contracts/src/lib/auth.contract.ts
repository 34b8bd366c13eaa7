import { z } from 'zod';
import { roleSchema } from './common.contract';

export const loginRequestSchema = z.strictObject({
  email: z.email().max(320),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  isAdmin: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

/** `GET /api/users` (admins): every account, with whether it is disabled. */
export const adminUserSchema = userSchema.extend({ disabled: z.boolean(), createdAt: z.string() });
export type AdminUser = z.infer<typeof adminUserSchema>;

/**
 * `PATCH /api/users/:userId` (admins): disable or re-enable an account, or set a new password. Disabling or a new
 * password ends every session of that user at once (open sockets included).
 */
export const updateUserRequestSchema = z
  .strictObject({
    disabled: z.boolean().optional(),
    password: z.string().min(8).max(1024).optional(),
  })
  .refine((r) => r.disabled !== undefined || r.password !== undefined, { message: 'nothing to change: send disabled or password' });
export type UpdateUserRequest = z.infer<typeof updateUserRequestSchema>;

/** Login answers the user and, for non-browser clients, the session token also set as an httpOnly cookie. */
export const loginResponseSchema = userSchema.extend({ token: z.string() });
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/** `GET /api/auth/me`: the signed-in user, or what an API key may do. */
export const meResponseSchema = z.union([
  userSchema,
  z.object({ apiKey: z.literal(true), projectId: z.uuid(), role: roleSchema }),
]);
export type MeResponse = z.infer<typeof meResponseSchema>;

export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(8).max(1024),
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

export const createUserRequestSchema = z.strictObject({
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
  password: z.string().min(8).max(1024),
  isAdmin: z.boolean().default(false),
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;

export const API_KEY_DEFAULT_DAYS = 90;

export const createApiKeyRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  role: roleSchema.default('engineer'),
  /** Days until the key stops working; null for a key that never expires. */
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(API_KEY_DEFAULT_DAYS),
});
export type CreateApiKeyRequest = z.infer<typeof createApiKeyRequestSchema>;

export const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: roleSchema,
  prefix: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  /** Who minted the key: a user, or another key of the project. */
  createdBy: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('user'), userId: z.uuid(), name: z.string() }),
      z.object({ kind: z.literal('key'), keyId: z.uuid(), name: z.string() }),
    ])
    .nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;

/** Returned once, at creation: the only time the secret is shown. */
export const createdApiKeySchema = apiKeySchema.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;
