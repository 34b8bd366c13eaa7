// Items: bulk import through COPY, keyset-paginated reads (within a byte budget) and the streamed export.
import { Inject, Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Item } from '@arbiter/contracts';
import type { MappedItem } from '@arbiter/domain/ingest';
import { copyRow, numberArray } from '../copy-text';
import { SHARED_ITEMS_LOCK } from './lf.repository';
import type { DatabaseOptions } from '../data-source';
import { DATABASE_OPTIONS } from '../database-options.token';
import { Sql } from '../sql';
import { Turns } from '../turns';
import { CounterRepository } from './counter.repository';

/** A validated row of an upload, as the ingest domain maps it. */
export type ImportRow = MappedItem;

export interface ImportOutcome {
  staged: number;
  inserted: number;
  duplicates: number;
  committed: boolean;
  /**
   * Set when the rows' vectors have another length than the project's (fixed meanwhile by an import that
   * committed first): nothing was written.
   */
  embeddingDimConflict?: { projectDim: number };
}

export interface ImportOptions {
  /** Aborted when the upload runs out of time: waiting for a turn stops with its reason. */
  signal?: AbortSignal;
  /** statement_timeout for the import's transaction (its COPY lasts as long as the upload), in ms. */
  statementTimeoutMs?: number;
  /**
   * The length of the rows' vectors (the caller checked that they all have it), read when the rows have ended; the
   * project's dimension is set to it, under a row lock, if it has none yet, and must equal it otherwise.
   */
  embeddingDim?: () => number | null;
}

interface ItemRow extends Omit<Item, 'id'> {
  id: string;
}

/** A keyset page cut short by a byte budget: `more` says rows were left out (the page ends early). */
export interface BudgetedPage<T> {
  rows: T[];
  more: boolean;
}

const ITEM_COLUMNS = `i.id::text AS id, i.external_id AS "externalId", i.text, i.image_url AS "imageUrl", i.metadata,
  i.gold::int[] AS gold, i.prediction::float8[] AS prediction, i.embedding::float4[] AS embedding, i.status,
  i.annotation_count AS "annotationCount"`;

export interface ExportRow extends ItemRow {
  annotations: { annotator: string; labels: number[]; createdAt: string }[];
  /** The label model's weak label, where LFs voted on the item. */
  weak: { label: number; confidence: number; probabilities: number[]; conflict: boolean; labelModelId: string } | null;
}

async function writeAll(stream: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (stream.write(chunk)) return;
  // A COPY the server aborted (a statement timeout) errors instead of draining.
  await new Promise<void>((res, rej) => {
    const done = (err?: Error) => {
      stream.off('drain', done);
      stream.off('error', done);
      if (err) rej(err);
      else res();
    };
    stream.once('drain', done);
    stream.once('error', done);
  });
}

// An item's size in its JSON answer, from above: its strings as JSON, its metadata as jsonb prints it (which
// spaces more than JSON.stringify), its arrays at a generous width, and the fixed keys.
const ITEM_BYTES = `(octet_length(to_json(i.text)::text) + octet_length(i.metadata::text)
  + coalesce(octet_length(to_json(i.external_id)::text), 4) + coalesce(octet_length(to_json(i.image_url)::text), 4)
  + 4 * coalesce(cardinality(i.gold), 0) + 24 * (coalesce(cardinality(i.prediction), 0) + coalesce(cardinality(i.embedding), 0)) + 180)`;

@Injectable()
export class ItemRepository {
  // Imports holding a connection at once: uploads arrive at the client's pace, and enough slow ones must not
  // take every connection of the pool.
  private readonly importTurns: Turns;

  constructor(
    private readonly sql: Sql,
    private readonly counters: CounterRepository,
    @Inject(DATABASE_OPTIONS) private readonly options: DatabaseOptions,
  ) {
    this.importTurns = new Turns(options.importConcurrency ?? Math.max(1, Math.floor((options.poolSize ?? 20) / 2)));
  }

  /**
   * Streams rows into a temporary table with COPY, then inserts them with their overlap slots in one
   * transaction. Duplicate external ids (in the file or already in the project) are skipped and counted.
   * When `commit()` answers false after the last row, everything is rolled back: nothing is half-written.
   * No connection is taken until the first row arrives, and then only in turn with other imports.
   */
  async importRows(
    projectId: string,
    policy: { overlap: number; overlapFraction: number },
    rows: AsyncIterable<ImportRow>,
    commit: () => boolean,
    opts: ImportOptions = {},
  ): Promise<ImportOutcome> {
    const it = rows[Symbol.asyncIterator]();
    const first = await it.next();
    if (first.done) return { staged: 0, inserted: 0, duplicates: 0, committed: commit() };
    const all = (async function* () {
      try {
        for (let r: IteratorResult<ImportRow> = first; !r.done; r = await it.next()) yield r.value;
      } finally {
        await it.return?.();
      }
    })();
    const endTurn = await this.importTurns.take(opts.signal).catch(async (err) => {
      await it.return?.();
      throw err;
    });
    try {
      return await this.importInTransaction(projectId, policy, all, commit, opts);
    } finally {
      endTurn();
    }
  }

  private async importInTransaction(
    projectId: string,
    policy: { overlap: number; overlapFraction: number },
    rows: AsyncIterable<ImportRow>,
    commit: () => boolean,
    opts: ImportOptions,
  ): Promise<ImportOutcome> {
    const client = await this.sql.connect();
    try {
      await client.query('BEGIN');
      // Only where the pool sets timeouts (not on the embedded database, whose connections share one session).
      if (opts.statementTimeoutMs && this.options.statementTimeoutMs) {
        await client.query(`SELECT set_config('statement_timeout', $1, true)`, [String(opts.statementTimeoutMs)]);
      }
      // Held until commit: an LF run reading the highest item id waits for imports in flight (see LfRepository).
      await client.query(SHARED_ITEMS_LOCK, [projectId]);
      await client.query(`CREATE TEMP TABLE import_rows (seq int, line int, external_id text, text text, image_url text,
        metadata jsonb, gold smallint[], prediction real[], embedding real[]) ON COMMIT DROP`);
      const staged = this.options.bulkInsert === 'insert' ? await this.insertRows(client, rows) : await this.copyRows(client, rows);
      if (!commit()) {
        await client.query('ROLLBACK');
        return { staged, inserted: 0, duplicates: 0, committed: false };
      }
      const dim = opts.embeddingDim?.() ?? null;
      if (dim !== null) {
        const projectDim = await this.fixEmbeddingDim(client, projectId, dim);
        if (projectDim !== dim) {
          await client.query('ROLLBACK');
          return { staged, inserted: 0, duplicates: 0, committed: false, embeddingDimConflict: { projectDim } };
        }
      }
      const { rows: out } = await client.query<{ inserted: number }>(
        `WITH firsts AS (
           SELECT DISTINCT ON (coalesce(external_id, ''), CASE WHEN external_id IS NULL THEN seq END) *
             FROM import_rows ORDER BY coalesce(external_id, ''), CASE WHEN external_id IS NULL THEN seq END, seq),
         ins AS (
           INSERT INTO items (project_id, external_id, text, image_url, metadata, gold, prediction, embedding, gold_source, gold_at)
           SELECT $1, external_id, text, image_url, metadata, gold, prediction, embedding,
                  CASE WHEN gold IS NOT NULL THEN 'import' END, CASE WHEN gold IS NOT NULL THEN now() END
             FROM firsts ORDER BY seq
           ON CONFLICT (project_id, external_id) WHERE external_id IS NOT NULL DO NOTHING
           RETURNING id),
         -- Overlap k for every item, or for a fraction of them chosen by a hash of the item id (the rest get one slot).
         slots AS (
           INSERT INTO task_slots (item_id, slot, project_id)
           SELECT ins.id, g, $1 FROM ins CROSS JOIN LATERAL generate_series(0,
             CASE WHEN $3::float8 >= 1 OR (hashtextextended(ins.id::text, 7) & 1048575) < $3::float8 * 1048576
                  THEN $2::int - 1 ELSE 0 END) AS g
           RETURNING 1)
         SELECT (SELECT count(*)::int FROM ins) AS inserted, (SELECT count(*) FROM slots) AS slots`,
        [projectId, policy.overlap, policy.overlapFraction],
      );
      const inserted = out[0].inserted;
      await this.counters.apply(client, projectId, [{ dimension: 'status', key: 'new', delta: inserted }]);
      await client.query('COMMIT');
      return { staged, inserted, duplicates: staged - inserted, committed: true };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /**
   * The project's vector length after this import: `dim` when it had none (set now), else its own. The row lock
   * (which item inserts' foreign-key checks do not wait for) makes concurrent first imports agree on one length.
   */
  private async fixEmbeddingDim(client: PoolClient, projectId: string, dim: number): Promise<number> {
    const { rows } = await client.query<{ dim: number | null }>(
      `SELECT embedding_dim AS dim FROM projects WHERE id = $1 FOR NO KEY UPDATE`,
      [projectId],
    );
    if (rows[0]?.dim != null) return rows[0].dim;
    await client.query(`UPDATE projects SET embedding_dim = $2 WHERE id = $1`, [projectId, dim]);
    return dim;
  }

  /** The embedded database's path: batches of rows as arrays, expanded by unnest. */
  private async insertRows(client: PoolClient, rows: AsyncIterable<ImportRow>): Promise<number> {
    let n = 0;
    let batch: ImportRow[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const first = n - batch.length + 1;
      await client.query(
        `INSERT INTO import_rows
         SELECT seq, line, eid, txt, img, meta::jsonb, gold::smallint[], pred::real[], emb::real[]
           FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
             AS t(seq, line, eid, txt, img, meta, gold, pred, emb)`,
        [
          batch.map((_, i) => first + i),
          batch.map((r) => r.line),
          batch.map((r) => r.externalId),
          batch.map((r) => r.text),
          batch.map((r) => r.imageUrl),
          batch.map((r) => JSON.stringify(r.metadata)),
          batch.map((r) => numberArray(r.gold)),
          batch.map((r) => numberArray(r.prediction)),
          batch.map((r) => numberArray(r.embedding)),
        ],
      );
      batch = [];
    };
    for await (const r of rows) {
      n++;
      batch.push(r);
      if (batch.length >= 1000) await flush();
    }
    await flush();
    return n;
  }

  private async copyRows(client: PoolClient, rows: AsyncIterable<ImportRow>): Promise<number> {
    const stream = client.query(
      copyFrom(`COPY import_rows (seq, line, external_id, text, image_url, metadata, gold, prediction, embedding) FROM STDIN`),
    );
    const finished = new Promise<void>((res, rej) => {
      stream.on('finish', () => res());
      stream.on('error', rej);
    });
    let n = 0;
    try {
      let buf = '';
      for await (const r of rows) {
        n++;
        buf += copyRow([
          String(n),
          String(r.line),
          r.externalId,
          r.text,
          r.imageUrl,
          JSON.stringify(r.metadata),
          numberArray(r.gold),
          numberArray(r.prediction),
          numberArray(r.embedding),
        ]);
        if (buf.length > 64 * 1024) {
          await writeAll(stream, buf);
          buf = '';
        }
      }
      if (buf) await writeAll(stream, buf);
      stream.end();
    } catch (err) {
      stream.destroy(err as Error);
      await finished.catch(() => undefined);
      throw err;
    }
    await finished;
    return n;
  }

  /**
   * A keyset page of items: at most `limit`, and no further once their JSON would pass `maxBytes` (always at least
   * one item, however large). Sizes are computed in PostgreSQL, so rows left out are never fetched.
   */
  async list(projectId: string, after: string | undefined, limit: number, maxBytes: number, status?: string): Promise<BudgetedPage<ItemRow>> {
    const rows = await this.sql.many<ItemRow & { fetched: number }>(
      `WITH page AS (
         SELECT i.id, sum(${ITEM_BYTES}) OVER (ORDER BY i.id) AS running
           FROM items i
          WHERE i.project_id = $1 AND i.id > $2 AND ($3::text IS NULL OR i.status = $3)
          ORDER BY i.id LIMIT $4)
       SELECT ${ITEM_COLUMNS}, (SELECT count(*)::int FROM page) AS fetched
         FROM page p JOIN items i ON i.id = p.id
        WHERE p.running <= $5 OR p.id = (SELECT min(id) FROM page)
        ORDER BY i.id`,
      [projectId, after ?? '0', status ?? null, limit, maxBytes],
    );
    const more = rows.length > 0 && rows.length < rows[0].fetched;
    return { rows: rows.map(({ fetched: _, ...row }) => row), more };
  }

  async get(projectId: string, itemId: string): Promise<ItemRow | null> {
    return this.sql.one<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM items i WHERE i.project_id = $1 AND i.id = $2`, [projectId, itemId]);
  }

  /** Yields the project's items with their annotations, in id order, a keyset page at a time. */
  async *exportRows(projectId: string, pageSize = 1000): AsyncGenerator<ExportRow> {
    let after = '0';
    for (;;) {
      const page = await this.sql.many<ExportRow>(
        `SELECT ${ITEM_COLUMNS},
           coalesce(json_agg(json_build_object('annotator', u.email, 'labels', a.labels, 'createdAt', a.created_at)
                    ORDER BY a.id) FILTER (WHERE a.id IS NOT NULL), '[]'::json) AS annotations,
           CASE WHEN w.item_id IS NULL THEN NULL
                ELSE json_build_object('label', w.label, 'confidence', w.confidence::float8, 'probabilities', w.probabilities::float8[],
                                       'conflict', w.conflict, 'labelModelId', w.label_model_id::text) END AS weak
         FROM (SELECT * FROM items WHERE project_id = $1 AND id > $2 ORDER BY id LIMIT $3) i
         LEFT JOIN annotations a ON a.item_id = i.id
         LEFT JOIN users u ON u.id = a.user_id
         LEFT JOIN weak_labels w ON w.item_id = i.id
         GROUP BY i.id, i.external_id, i.text, i.image_url, i.metadata, i.gold, i.prediction, i.embedding, i.status, i.annotation_count, w.item_id
         ORDER BY i.id`,
        [projectId, after, pageSize],
      );
      if (page.length === 0) return;
      yield* page;
      after = page[page.length - 1].id;
      if (page.length < pageSize) return;
    }
  }
}
