// Agreement inputs (annotations and gold of a project, in compact arrays) and outputs (stored report,
// per-item consensus, the review queue), plus the reviewer's decision that turns an item's label into gold.
import { Injectable } from '@nestjs/common';
import { Sql } from '../sql';

export interface AgreementInputs {
  /** Dense index → item id. */
  itemIds: string[];
  annotations: { item: number; rater: string; labels: number[] }[];
  gold: Map<number, number[]>;
}

export interface StoredReport {
  report: unknown;
  annotations: number;
  computedAt: Date;
}

export interface ReviewRow {
  itemId: string;
  reason: 'disagreement' | 'low_confidence';
  status: 'open' | 'decided';
  text: string;
  externalId: string | null;
  imageUrl: string | null;
  metadata: Record<string, unknown>;
  gold: number[] | null;
  consensus: { labels: number[]; confidence: number; method: string } | null;
  annotations: { userId: string; name: string; labels: number[] }[];
  decision: number[] | null;
  decidedBy: { userId: string; name: string } | null;
  decidedAt: Date | null;
}

const PAGE = 50_000;

@Injectable()
export class AgreementRepository {
  constructor(private readonly sql: Sql) {}

  /** Reads every annotation of the project in keyset pages into compact arrays. */
  async loadInputs(projectId: string): Promise<AgreementInputs> {
    const index = new Map<string, number>();
    const itemIds: string[] = [];
    const dense = (id: string) => {
      let i = index.get(id);
      if (i === undefined) index.set(id, (i = itemIds.push(id) - 1));
      return i;
    };
    const annotations: AgreementInputs['annotations'] = [];
    let after = '0';
    for (;;) {
      const page = await this.sql.many<{ id: string; item: string; rater: string; labels: number[] }>(
        `SELECT id::text, item_id::text AS item, user_id::text AS rater, labels::int[] AS labels
           FROM annotations a WHERE a.project_id = $1 AND a.id > $2 ORDER BY a.id LIMIT $3`,
        [projectId, after, PAGE],
      );
      for (const r of page) annotations.push({ item: dense(r.item), rater: r.rater, labels: r.labels });
      if (page.length < PAGE) break;
      after = page[page.length - 1].id;
    }
    const gold = new Map<number, number[]>();
    const golds = await this.sql.many<{ item: string; gold: number[] }>(
      `SELECT id::text AS item, gold::int[] AS gold FROM items WHERE project_id = $1 AND gold IS NOT NULL`,
      [projectId],
    );
    for (const g of golds) gold.set(dense(g.item), g.gold);
    return { itemIds, annotations, gold };
  }

  /** Stores the report, replaces the consensus, and syncs the open review queue, in one transaction. */
  async saveResults(
    projectId: string,
    report: unknown,
    annotationCount: number,
    method: string,
    consensus: { itemId: string; labels: number[]; confidence: number }[],
    review: { itemId: string; reason: string }[],
  ): Promise<void> {
    await this.sql.tx(async (c) => {
      // Serialises saves of one project. NO KEY UPDATE, not UPDATE: a submission holding its item row inserts
      // rows that reference the project (a key-share lock), and FOR UPDATE would make it wait on us while we
      // wait on its item for the consensus row: a deadlock (agreement.repository.int-spec.ts).
      await c.query(`SELECT 1 FROM projects WHERE id = $1 FOR NO KEY UPDATE`, [projectId]);
      await c.query(
        `INSERT INTO agreement_reports (project_id, report, annotations, computed_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (project_id) DO UPDATE SET report = EXCLUDED.report, annotations = EXCLUDED.annotations, computed_at = now()`,
        [projectId, JSON.stringify(report), annotationCount],
      );
      await c.query(`DELETE FROM item_consensus WHERE project_id = $1`, [projectId]);
      for (let i = 0; i < consensus.length; i += 10_000) {
        const part = consensus.slice(i, i + 10_000);
        await c.query(
          `INSERT INTO item_consensus (item_id, project_id, labels, confidence, method)
           SELECT item, $1, labels::smallint[], confidence, $2
             FROM unnest($3::bigint[], $4::text[], $5::float8[]) AS t(item, labels, confidence)`,
          [projectId, method, part.map((x) => x.itemId), part.map((x) => `{${x.labels.join(',')}}`), part.map((x) => x.confidence)],
        );
      }
      // Decided items stay decided; open items that no longer qualify (e.g. after an undo) leave the queue.
      await c.query(
        `DELETE FROM review_queue WHERE project_id = $1 AND status = 'open' AND NOT (item_id = ANY($2::bigint[]))`,
        [projectId, review.map((r) => r.itemId)],
      );
      await c.query(
        `INSERT INTO review_queue (item_id, project_id, reason)
         SELECT item, $1, reason FROM unnest($2::bigint[], $3::text[]) AS t(item, reason)
         ON CONFLICT (item_id) DO UPDATE SET reason = EXCLUDED.reason WHERE review_queue.status = 'open'`,
        [projectId, review.map((r) => r.itemId), review.map((r) => r.reason)],
      );
    });
  }

  async report(projectId: string): Promise<StoredReport | null> {
    return this.sql.one<StoredReport>(
      `SELECT report, annotations::int AS annotations, computed_at AS "computedAt" FROM agreement_reports WHERE project_id = $1`,
      [projectId],
    );
  }

  async userNames(ids: string[]): Promise<Map<string, string>> {
    const rows = await this.sql.many<{ id: string; name: string }>(`SELECT id::text, name FROM users WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /**
   * Review items with every annotation (and its annotator) side by side, oldest first, keyset-paginated: at most
   * `limit`, and no further once their JSON would pass `maxBytes` (always at least one). `more` says the budget
   * cut the page short. Sizes are computed in PostgreSQL, so rows left out are never fetched.
   */
  async reviewPage(projectId: string, status: 'open' | 'decided', after: string, limit: number, maxBytes: number): Promise<{ rows: ReviewRow[]; more: boolean }> {
    const rows = await this.sql.many<ReviewRow & { fetched: number }>(
      `WITH page AS (
         SELECT q.item_id, sum(octet_length(to_json(i.text)::text) + octet_length(i.metadata::text)
                   + coalesce(octet_length(to_json(i.external_id)::text), 4) + coalesce(octet_length(to_json(i.image_url)::text), 4)
                   + 8 * (coalesce(cardinality(i.gold), 0) + coalesce(cardinality(q.decision), 0)) + 400
                   + (SELECT coalesce(sum(octet_length(to_json(u.name)::text) + 4 * cardinality(a.labels) + 80), 0)
                        FROM annotations a JOIN users u ON u.id = a.user_id WHERE a.item_id = q.item_id)
                 ) OVER (ORDER BY q.item_id) AS running
           FROM review_queue q JOIN items i ON i.id = q.item_id
          WHERE q.project_id = $1 AND q.status = $2 AND q.item_id > $3
          ORDER BY q.item_id LIMIT $4)
       SELECT q.item_id::text AS "itemId", q.reason, q.status, i.text, i.external_id AS "externalId",
              i.image_url AS "imageUrl", i.metadata, i.gold::int[] AS gold, q.decision::int[] AS decision,
              CASE WHEN q.decided_by IS NULL THEN NULL
                   ELSE json_build_object('userId', q.decided_by, 'name', (SELECT name FROM users WHERE id = q.decided_by)) END AS "decidedBy",
              q.decided_at AS "decidedAt",
              CASE WHEN c.item_id IS NULL THEN NULL
                   ELSE json_build_object('labels', c.labels, 'confidence', c.confidence, 'method', c.method) END AS consensus,
              coalesce((SELECT json_agg(json_build_object('userId', a.user_id, 'name', u.name, 'labels', a.labels) ORDER BY a.id)
                          FROM annotations a JOIN users u ON u.id = a.user_id WHERE a.item_id = q.item_id), '[]'::json) AS annotations,
              (SELECT count(*)::int FROM page) AS fetched
         FROM page p JOIN review_queue q ON q.item_id = p.item_id JOIN items i ON i.id = q.item_id
         LEFT JOIN item_consensus c ON c.item_id = q.item_id
        WHERE p.running <= $5 OR p.item_id = (SELECT min(item_id) FROM page)
        ORDER BY q.item_id`,
      [projectId, status, after, limit, maxBytes],
    );
    const more = rows.length > 0 && rows.length < rows[0].fetched;
    return { rows: rows.map(({ fetched: _, ...row }) => row), more };
  }

  async reviewCount(projectId: string, status: 'open' | 'decided'): Promise<number> {
    const row = await this.sql.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM review_queue WHERE project_id = $1 AND status = $2`,
      [projectId, status],
    );
    return row?.n ?? 0;
  }

  /**
   * Records the reviewer's labels as the item's gold, with provenance. A first decision needs an open item
   * (two reviewers racing: the second hears 'already-decided'); a revision needs a decided one.
   */
  async decide(
    projectId: string,
    itemId: string,
    labels: number[],
    reviewerId: string,
    revise = false,
  ): Promise<'decided' | 'not-found' | 'already-decided' | 'not-decided'> {
    return this.sql.tx(async (c) => {
      const row = await c.query<{ status: string }>(
        `SELECT status FROM review_queue WHERE project_id = $1 AND item_id = $2 FOR UPDATE`,
        [projectId, itemId],
      );
      if (!row.rows[0]) return 'not-found';
      if (!revise && row.rows[0].status === 'decided') return 'already-decided';
      if (revise && row.rows[0].status !== 'decided') return 'not-decided';
      await c.query(
        `UPDATE items SET gold = $2, gold_source = 'review', gold_by = $3, gold_at = now() WHERE id = $1`,
        [itemId, labels, reviewerId],
      );
      await c.query(
        `UPDATE review_queue SET status = 'decided', decided_at = now(), decided_by = $2, decision = $3 WHERE item_id = $1`,
        [itemId, reviewerId, labels],
      );
      return 'decided';
    });
  }
}
