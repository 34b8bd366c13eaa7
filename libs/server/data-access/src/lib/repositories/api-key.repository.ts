// Project-scoped API keys for services and retraining jobs; only a hash of the secret is stored. A key may expire,
// records who minted it (a user or another key) and when it was last used; revoking a key revokes the keys it minted.
import { Injectable } from '@nestjs/common';
import { Sql } from '../sql';
import type { ApiKey, Role } from '@arbiter/contracts';

const COLUMNS = `k.id, k.name, k.role, k.prefix, k.created_at AS "createdAt", k.revoked_at AS "revokedAt",
  k.expires_at AS "expiresAt", k.last_used_at AS "lastUsedAt", k.created_by AS "createdByUser", u.name AS "createdByUserName",
  k.created_by_key AS "createdByKey", p.name AS "createdByKeyName"`;
const FROM = `api_keys k LEFT JOIN users u ON u.id = k.created_by LEFT JOIN api_keys p ON p.id = k.created_by_key`;

interface ApiKeyRow {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  createdByUser: string | null;
  createdByUserName: string | null;
  createdByKey: string | null;
  createdByKeyName: string | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

function toApiKey(r: ApiKeyRow): ApiKey {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    prefix: r.prefix,
    createdAt: new Date(r.createdAt).toISOString(),
    revokedAt: iso(r.revokedAt),
    expiresAt: iso(r.expiresAt),
    lastUsedAt: iso(r.lastUsedAt),
    createdBy: r.createdByKey
      ? { kind: 'key', keyId: r.createdByKey, name: r.createdByKeyName ?? '' }
      : r.createdByUser
        ? { kind: 'user', userId: r.createdByUser, name: r.createdByUserName ?? '' }
        : null,
  };
}

export interface ActiveKey {
  id: string;
  projectId: string;
  role: Role;
  expiresAt: Date | null;
}

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly sql: Sql) {}

  async create(k: {
    projectId: string;
    name: string;
    role: Role;
    keyHash: Buffer;
    prefix: string;
    createdBy: { userId: string } | { keyId: string };
    expiresAt: Date | null;
  }): Promise<ApiKey> {
    const row = await this.sql.one<{ id: string }>(
      `INSERT INTO api_keys (project_id, name, role, key_hash, prefix, created_by, created_by_key, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [k.projectId, k.name, k.role, k.keyHash, k.prefix, 'userId' in k.createdBy ? k.createdBy.userId : null,
        'keyId' in k.createdBy ? k.createdBy.keyId : null, k.expiresAt],
    );
    return (await this.get(k.projectId, (row as { id: string }).id)) as ApiKey;
  }

  /** The key if it exists, is not revoked and has not expired (database clock); marks its use at most once a minute. */
  async findActive(keyHash: Buffer): Promise<ActiveKey | null> {
    const key = await this.sql.one<ActiveKey & { stale: boolean }>(
      `SELECT id, project_id AS "projectId", role, expires_at AS "expiresAt",
              last_used_at IS NULL OR last_used_at < now() - interval '1 minute' AS stale
         FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
      [keyHash],
    );
    if (!key) return null;
    // A write per minute, not per request.
    if (key.stale) await this.sql.many(`UPDATE api_keys SET last_used_at = now() WHERE id = $1`, [key.id]);
    return { id: key.id, projectId: key.projectId, role: key.role, expiresAt: key.expiresAt };
  }

  async get(projectId: string, keyId: string): Promise<ApiKey | null> {
    const row = await this.sql.one<ApiKeyRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE k.project_id = $1 AND k.id = $2`, [projectId, keyId]);
    return row ? toApiKey(row) : null;
  }

  async list(projectId: string): Promise<ApiKey[]> {
    const rows = await this.sql.many<ApiKeyRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE k.project_id = $1 ORDER BY k.created_at`, [projectId]);
    return rows.map(toApiKey);
  }

  /**
   * Revokes a key of this project and every key minted from it (a leaked key cannot leave children behind);
   * returns the ids revoked now, empty when there is no such key in the project.
   */
  async revoke(projectId: string, keyId: string): Promise<string[] | null> {
    return this.sql.tx(async (c) => {
      const found = await c.query(`SELECT 1 FROM api_keys WHERE project_id = $1 AND id = $2`, [projectId, keyId]);
      if (!found.rowCount) return null;
      const { rows } = await c.query<{ id: string }>(
        `WITH RECURSIVE tree AS (
           SELECT id FROM api_keys WHERE project_id = $1 AND id = $2
           UNION SELECT k.id FROM api_keys k JOIN tree t ON k.created_by_key = t.id)
         UPDATE api_keys SET revoked_at = now() WHERE id IN (SELECT id FROM tree) AND revoked_at IS NULL RETURNING id`,
        [projectId, keyId],
      );
      return rows.map((r) => r.id);
    });
  }
}
