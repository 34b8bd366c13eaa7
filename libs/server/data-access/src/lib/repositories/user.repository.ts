// Users and their browser sessions.
import { Injectable } from '@nestjs/common';
import { Sql } from '../sql';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  passwordHash: string;
  disabled: boolean;
}

const COLUMNS = `id, email, name, is_admin AS "isAdmin", password_hash AS "passwordHash", disabled_at IS NOT NULL AS disabled`;

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

  /**
   * Sets a new password and ends the user's sessions except `keepSession` (the one that changed it), in one
   * transaction; returns the ended sessions' hashes so their open sockets can be closed too.
   */
  async updatePassword(userId: string, passwordHash: string, keepSession: Buffer | null): Promise<Buffer[]> {
    return this.sql.tx(async (c) => {
      await c.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [userId, passwordHash]);
      const { rows } = await c.query<{ tokenHash: Buffer }>(
        `DELETE FROM sessions WHERE user_id = $1 AND ($2::bytea IS NULL OR token_hash <> $2) RETURNING token_hash AS "tokenHash"`,
        [userId, keepSession],
      );
      return rows.map((r) => r.tokenHash);
    });
  }

  /** Disables (ending every session) or re-enables an account; false when there is no such user. */
  async setDisabled(userId: string, disabled: boolean): Promise<boolean> {
    return this.sql.tx(async (c) => {
      const { rowCount } = await c.query(
        `UPDATE users SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) END WHERE id = $1`,
        [userId, disabled],
      );
      if (disabled) await c.query(`DELETE FROM sessions WHERE user_id = $1`, [userId]);
      return !!rowCount;
    });
  }

  /** Every account as admins see it, or the one with `userId`. */
  async list(userId?: string): Promise<(Omit<UserRow, 'passwordHash'> & { createdAt: Date })[]> {
    return this.sql.many(
      `SELECT id, email, name, is_admin AS "isAdmin", disabled_at IS NOT NULL AS disabled, created_at AS "createdAt"
         FROM users WHERE $1::uuid IS NULL OR id = $1 ORDER BY lower(email)`,
      [userId ?? null],
    );
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

  /** The session's user, if the session exists, has not expired (by the database clock) and the user is enabled. */
  async findBySession(tokenHash: Buffer): Promise<UserRow | null> {
    return this.sql.one<UserRow>(
      `SELECT u.id, u.email, u.name, u.is_admin AS "isAdmin", u.password_hash AS "passwordHash", false AS disabled
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > now() AND u.disabled_at IS NULL`,
      [tokenHash],
    );
  }

  async deleteSession(tokenHash: Buffer): Promise<void> {
    await this.sql.many(`DELETE FROM sessions WHERE token_hash = $1`, [tokenHash]);
  }
}
