// What active learning reads of a project's pool: the texts (a page at a time) (its labels come from the round's
// training snapshot), each item's state for the selection (labeled, leased, in review), the label model's probabilities, and the
// client-supplied vectors (embeddingField at import) where the project has them.
import { Injectable } from '@nestjs/common';
import { Sql } from '../sql';

/** Per pool item in id order, as flags. */
export interface PoolState {
  itemIds: string[];
  /** A person labeled it: gold (imported or decided in review) or at least one annotation. */
  labeled: Uint8Array;
  /** Someone holds a live lease on one of its slots, or it waits in the review queue. */
  busy: Uint8Array;
}

const PAGE = 50_000;
// Vectors are wide (up to 4096 numbers): fewer per query.
const VECTOR_PAGE = 5_000;

@Injectable()
export class AlPoolRepository {
  constructor(private readonly sql: Sql) {}

  /** A page of the project's texts after `afterId`, in id order. */
  async texts(projectId: string, afterId: string, limit: number, throughId?: string): Promise<{ id: string; text: string }[]> {
    return this.sql.many(
      `SELECT id::text AS id, text FROM items WHERE project_id = $1 AND id > $2::bigint AND ($4::bigint IS NULL OR id <= $4::bigint)
        ORDER BY id LIMIT $3`,
      [projectId, afterId, limit, throughId ?? null],
    );
  }

  /** A page of texts as `texts` reads it, each with the item's client vector (null where it has none). */
  async textsWithVectors(projectId: string, afterId: string, limit: number, throughId?: string): Promise<{ id: string; text: string; embedding: number[] | null }[]> {
    return this.sql.many(
      `SELECT id::text AS id, text, embedding::float4[] AS embedding FROM items
        WHERE project_id = $1 AND id > $2::bigint AND ($4::bigint IS NULL OR id <= $4::bigint)
        ORDER BY id LIMIT $3`,
      [projectId, afterId, limit, throughId ?? null],
    );
  }

  /** How many of the project's items there are, and how many carry a client vector. */
  async vectorCoverage(projectId: string): Promise<{ items: number; withVector: number }> {
    const row = await this.sql.one<{ items: number; withVector: number }>(
      `SELECT count(*)::int AS items, count(embedding)::int AS "withVector" FROM items WHERE project_id = $1`,
      [projectId],
    );
    return row ?? { items: 0, withVector: 0 };
  }

  /** The client vectors of the given items (those that have one), read in batches. */
  async vectors(projectId: string, itemIds: string[]): Promise<Map<string, number[]>> {
    const out = new Map<string, number[]>();
    for (let from = 0; from < itemIds.length; from += VECTOR_PAGE) {
      const rows = await this.sql.many<{ id: string; embedding: number[] }>(
        `SELECT id::text AS id, embedding::float4[] AS embedding FROM items
          WHERE project_id = $1 AND id = ANY($2::bigint[]) AND embedding IS NOT NULL`,
        [projectId, itemIds.slice(from, from + VECTOR_PAGE)],
      );
      for (const r of rows) out.set(r.id, r.embedding);
    }
    return out;
  }

  /** Each item's state up to `throughId`, read a page at a time. */
  async state(projectId: string, throughId: string): Promise<PoolState> {
    const itemIds: string[] = [];
    const labeled: number[] = [];
    const busy: number[] = [];
    for (let after = '0'; ; ) {
      const page = await this.sql.many<{ id: string; labeled: boolean; busy: boolean }>(
        `SELECT i.id::text AS id,
                (i.gold IS NOT NULL OR i.annotation_count > 0) AS labeled,
                (EXISTS (SELECT 1 FROM task_slots t WHERE t.item_id = i.id AND t.state = 'leased' AND t.lease_expires_at > now())
                 OR EXISTS (SELECT 1 FROM review_queue q WHERE q.item_id = i.id AND q.status = 'open')) AS busy
           FROM items i WHERE i.project_id = $1 AND i.id > $2::bigint AND i.id <= $3::bigint ORDER BY i.id LIMIT $4`,
        [projectId, after, throughId, PAGE],
      );
      for (const r of page) {
        itemIds.push(r.id);
        labeled.push(r.labeled ? 1 : 0);
        busy.push(r.busy ? 1 : 0);
      }
      if (page.length < PAGE) break;
      after = page[page.length - 1].id;
    }
    return { itemIds, labeled: Uint8Array.from(labeled), busy: Uint8Array.from(busy) };
  }

  /** The latest label model's probabilities per item that has a weak label (id order). */
  async weakProbabilities(projectId: string): Promise<{ itemId: string; probabilities: number[] }[]> {
    return this.sql.many(
      `SELECT item_id::text AS "itemId", probabilities::float8[] AS probabilities FROM weak_labels WHERE project_id = $1 ORDER BY item_id`,
      [projectId],
    );
  }
}
