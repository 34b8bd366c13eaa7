// Users and their browser sessions.
import { Injectable } from '@nestjs/common';
import { Sql } from '../sql';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  passwordHash: string;
}

const COLUMNS = `id, email, name, is_admin AS "isAdmin", password_hash AS "passwordHash"`;

@Injectable()
export class UserRepository {
  constructor(private readonly sql: Sql) {}

  async findByEmail(email: string): Promise<UserRow | null> {
    return this.sql.one<UserRow>(`SELECT ${COLUMNS} FROM users WHERE lower(email) = lower($1)`, [email]);
  }

  async count(): Promise<number> {
    const row = await this.sql.one<{ n: number }>(`SELECT count(*)::int AS n FROM users`);
    return row?.n ?? 0;
  }

  /** Inserts a user; returns null when the email is taken. */
  async create(u: { email: string; name: string; passwordHash: string; isAdmin: boolean }): Promise<UserRow | null> {
    return this.sql.one<UserRow>(
      `INSERT INTO users (email, name, password_hash, is_admin) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [u.email, u.name, u.passwordHash, u.isAdmin],
    );
  }

  async updatePassword(userId: string, passwordHash: string): Promise<void> {
    await this.sql.many(`UPDATE users SET password_hash = $2 WHERE id = $1`, [userId, passwordHash]);
  }

  async findById(userId: string): Promise<UserRow | null> {
    return this.sql.one<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = $1`, [userId]);
  }

  async createSession(userId: string, tokenHash: Buffer, ttlHours: number): Promise<void> {
    await this.sql.many(
      `INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))`,
      [tokenHash, userId, ttlHours],
    );
  }

  /** The session's user, if the session exists and has not expired (by the database clock). */
  async findBySession(tokenHash: Buffer): Promise<UserRow | null> {
    return this.sql.one<UserRow>(
      `SELECT u.id, u.email, u.name, u.is_admin AS "isAdmin", u.password_hash AS "passwordHash"
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > now()`,
      [tokenHash],
    );
  }

  async deleteSession(tokenHash: Buffer): Promise<void> {
    await this.sql.many(`DELETE FROM sessions WHERE token_hash = $1`, [tokenHash]);
  }
}
