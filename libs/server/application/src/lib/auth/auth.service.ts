// Sign-in, sessions, API keys and accounts. Secrets are random 32-byte tokens; only SHA-256 hashes are stored.
// Ending access (logout, a new password, a disabled account) is announced so open sockets close at once too.
import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { isUuid, type AdminUser, type CreateUserRequest, type UpdateUserRequest, type User } from '@arbiter/contracts';
import { ApiKeyRepository, UserRepository, UserRow } from '@arbiter/server/data-access';
import { ArbiterError, ErrorCode, invalid, notFound } from '../errors/arbiter.error';
import { ProjectEvents } from '../projects/project-events';
import type { Principal } from './principal';

export const API_KEY_PREFIX = 'arb_';

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function toUser(u: Pick<UserRow, 'id' | 'email' | 'name' | 'isAdmin'>): User {
  return { id: u.id, email: u.email, name: u.name, isAdmin: u.isAdmin };
}

// A fixed hash to verify against when the email is unknown, so timing does not reveal which emails exist.
let dummyHash: Promise<string> | undefined;

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly apiKeys: ApiKeyRepository,
    private readonly events: ProjectEvents,
  ) {}

  async login(email: string, password: string, ttlHours: number): Promise<{ user: User; token: string }> {
    const user = await this.users.findByEmail(email);
    dummyHash ??= argon2.hash('not-a-password');
    const ok = await argon2.verify(user?.passwordHash ?? (await dummyHash), password);
    if (!user || !ok) throw new ArbiterError(ErrorCode.Unauthenticated, 'wrong email or password');
    if (user.disabled) throw new ArbiterError(ErrorCode.Unauthenticated, 'this account is disabled; ask an administrator');
    const token = randomBytes(32).toString('base64url');
    await this.users.createSession(user.id, hashToken(token), ttlHours);
    return { user: toUser(user), token };
  }

  async logout(token: string): Promise<void> {
    const hash = hashToken(token);
    await this.users.deleteSession(hash);
    this.events.accessChanged({ kind: 'sessions', sessionHashes: [hash.toString('hex')] });
  }

  async fromSession(token: string): Promise<Principal | null> {
    const u = await this.users.findBySession(hashToken(token));
    return u ? { kind: 'user', userId: u.id, email: u.email, name: u.name, isAdmin: u.isAdmin } : null;
  }

  async fromApiKey(key: string): Promise<Principal | null> {
    if (!key.startsWith(API_KEY_PREFIX)) return null;
    const k = await this.apiKeys.findActive(hashToken(key));
    return k ? { kind: 'apiKey', keyId: k.id, projectId: k.projectId, role: k.role, expiresAt: k.expiresAt } : null;
  }

  /** A new password ends every other session of the user (the one that changed it stays signed in). */
  async changePassword(userId: string, current: string, next: string, currentSession: string | undefined): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user || !(await argon2.verify(user.passwordHash, current))) throw invalid('currentPassword', 'wrong password');
    const ended = await this.users.updatePassword(userId, await argon2.hash(next), currentSession ? hashToken(currentSession) : null);
    this.events.accessChanged({ kind: 'sessions', sessionHashes: ended.map((h) => h.toString('hex')) });
  }

  async createUser(req: CreateUserRequest): Promise<User> {
    const created = await this.users.create({
      email: req.email,
      name: req.name,
      isAdmin: req.isAdmin,
      passwordHash: await argon2.hash(req.password),
    });
    if (!created) throw new ArbiterError(ErrorCode.Conflict, `a user with email ${req.email} already exists`);
    return toUser(created);
  }

  async listUsers(userId?: string): Promise<AdminUser[]> {
    const rows = await this.users.list(userId);
    return rows.map((u) => ({ ...toUser(u), disabled: u.disabled, createdAt: new Date(u.createdAt).toISOString() }));
  }

  /** Admins disable or re-enable an account, or reset its password; either ends every session of that user. */
  async updateUser(admin: Principal, userId: string, req: UpdateUserRequest): Promise<AdminUser> {
    if (admin.kind === 'user' && admin.userId === userId && req.disabled) {
      throw invalid('disabled', 'you cannot disable your own account');
    }
    const user = isUuid(userId) ? await this.users.findById(userId) : null;
    if (!user) throw notFound('user');
    if (req.password !== undefined) await this.users.updatePassword(userId, await argon2.hash(req.password), null);
    if (req.disabled !== undefined) await this.users.setDisabled(userId, req.disabled);
    if (req.password !== undefined || req.disabled) this.events.accessChanged({ kind: 'user', userId });
    const [updated] = await this.listUsers(userId);
    if (!updated) throw notFound('user');
    return updated;
  }

  /** Creates the first admin when there are no users; returns its password once, else null. */
  async ensureFirstAdmin(email: string): Promise<{ email: string; password: string } | null> {
    if ((await this.users.count()) > 0) return null;
    const password = randomBytes(12).toString('base64url');
    await this.createUser({ email, name: 'Admin', password, isAdmin: true });
    return { email, password };
  }
}
