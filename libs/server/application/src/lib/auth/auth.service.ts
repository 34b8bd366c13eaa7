// Sign-in, sessions, API keys and user creation. Secrets are random 32-byte tokens; only SHA-256 hashes are stored.
import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import type { CreateUserRequest, User } from '@arbiter/contracts';
import { ApiKeyRepository, UserRepository, UserRow } from '@arbiter/server/data-access';
import { ArbiterError, ErrorCode } from '../errors/arbiter.error';
import type { Principal } from './principal';

export const API_KEY_PREFIX = 'arb_';

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

function toUser(u: UserRow): User {
  return { id: u.id, email: u.email, name: u.name, isAdmin: u.isAdmin };
}

// A fixed hash to verify against when the email is unknown, so timing does not reveal which emails exist.
let dummyHash: Promise<string> | undefined;

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UserRepository,
    private readonly apiKeys: ApiKeyRepository,
  ) {}

  async login(email: string, password: string, ttlHours: number): Promise<{ user: User; token: string }> {
    const user = await this.users.findByEmail(email);
    dummyHash ??= argon2.hash('not-a-password');
    const ok = await argon2.verify(user?.passwordHash ?? (await dummyHash), password);
    if (!user || !ok) throw new ArbiterError(ErrorCode.Unauthenticated, 'wrong email or password');
    const token = randomBytes(32).toString('base64url');
    await this.users.createSession(user.id, hashToken(token), ttlHours);
    return { user: toUser(user), token };
  }

  logout(token: string): Promise<void> {
    return this.users.deleteSession(hashToken(token));
  }

  async fromSession(token: string): Promise<Principal | null> {
    const u = await this.users.findBySession(hashToken(token));
    return u ? { kind: 'user', userId: u.id, email: u.email, name: u.name, isAdmin: u.isAdmin } : null;
  }

  async fromApiKey(key: string): Promise<Principal | null> {
    if (!key.startsWith(API_KEY_PREFIX)) return null;
    const k = await this.apiKeys.findActive(hashToken(key));
    return k ? { kind: 'apiKey', keyId: k.id, projectId: k.projectId, role: k.role } : null;
  }

  async changePassword(userId: string, current: string, next: string): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user || !(await argon2.verify(user.passwordHash, current))) {
      throw new ArbiterError(ErrorCode.Validation, 'currentPassword: wrong password', [{ path: 'currentPassword', message: 'wrong password' }]);
    }
    await this.users.updatePassword(userId, await argon2.hash(next));
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

  /** Creates the first admin when there are no users; returns its password once, else null. */
  async ensureFirstAdmin(email: string): Promise<{ email: string; password: string } | null> {
    if ((await this.users.count()) > 0) return null;
    const password = randomBytes(12).toString('base64url');
    await this.createUser({ email, name: 'Admin', password, isAdmin: true });
    return { email, password };
  }
}
