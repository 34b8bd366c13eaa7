// Project-scoped API keys for services and retraining jobs; only a hash of the secret is stored.
import { Injectable } from '@nestjs/common';
import { Sql } from '../sql';
import type { ApiKey, Role } from '@arbiter/contracts';

const COLUMNS = `id, name, role, prefix, created_at AS "createdAt", revoked_at AS "revokedAt"`;

type ApiKeyRow = Omit<ApiKey, 'createdAt' | 'revokedAt'> & { createdAt: Date; revokedAt: Date | null };

function toApiKey(r: ApiKeyRow): ApiKey {
  return {
    ...r,
    createdAt: new Date(r.createdAt).toISOString(),
    revokedAt: r.revokedAt ? new Date(r.revokedAt).toISOString() : null,
  };
}

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly sql: Sql) {}

  async create(k: { projectId: string; name: string; role: Role; keyHash: Buffer; prefix: string; createdBy: string | null }): Promise<ApiKey> {
    const row = await this.sql.one<ApiKeyRow>(
      `INSERT INTO api_keys (project_id, name, role, key_hash, prefix, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [k.projectId, k.name, k.role, k.keyHash, k.prefix, k.createdBy],
    );
    return toApiKey(row as ApiKeyRow);
  }

  async findActive(keyHash: Buffer): Promise<{ id: string; projectId: string; role: Role } | null> {
    return this.sql.one<{ id: string; projectId: string; role: Role }>(
      `SELECT id, project_id AS "projectId", role FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
      [keyHash],
    );
  }

  async list(projectId: string): Promise<ApiKey[]> {
    const rows = await this.sql.many<ApiKeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE project_id = $1 ORDER BY created_at`, [projectId]);
    return rows.map(toApiKey);
  }

  /** Revokes a key of this project; false when there is no such key in it. */
  async revoke(projectId: string, keyId: string): Promise<boolean> {
    const rows = await this.sql.many(
      `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE project_id = $1 AND id = $2 RETURNING id`,
      [projectId, keyId],
    );
    return rows.length > 0;
  }
}
