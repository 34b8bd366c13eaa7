// What an annotator is handed: the item without gold or others' labels, and the lease deadline.
import type { Task } from '@arbiter/contracts';

export interface TaskRow {
  id: string;
  externalId: string | null;
  text: string;
  imageUrl: string | null;
  metadata: Record<string, unknown>;
  prediction: number[] | null;
  leaseExpiresAt: Date;
}

export function toTask(r: TaskRow): Task {
  return {
    item: { id: r.id, externalId: r.externalId, text: r.text, imageUrl: r.imageUrl, metadata: r.metadata, suggestion: r.prediction },
    leaseExpiresAt: new Date(r.leaseExpiresAt).toISOString(),
  };
}

/** Task rows from a relation `s` with item_id and lease_expires_at (a table or a CTE's RETURNING). */
export const taskSelect = (source: string) => `SELECT i.id::text AS id, i.external_id AS "externalId", i.text,
  i.image_url AS "imageUrl", i.metadata, i.prediction::float8[] AS prediction, s.lease_expires_at AS "leaseExpiresAt"
  FROM ${source} s JOIN items i ON i.id = s.item_id`;
