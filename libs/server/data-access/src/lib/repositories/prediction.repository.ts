// A round's scores of the pool: per item the model's calibrated probabilities and the item's embedding. A chunk
// is written with COPY into a temporary table and on with ON CONFLICT DO NOTHING under the (round, item) key, and
// counted toward the round's progress once, in the same transaction: a chunk retried after a crash leaves exactly
// the rows of one run.
import { Inject, Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { copyInto } from '../copy-into';
import { DATABASE_OPTIONS } from '../database-options.token';
import type { DatabaseOptions } from '../data-source';
import { Sql } from '../sql';

/** One chunk's scores: row i is itemIds[i]; probs (rows × numClasses) is null on a cold start. */
export interface ChunkScores {
  itemIds: string[];
  modelId: string | null;
  probs: Float32Array | null;
  numClasses: number;
  embeddings: Float32Array | null;
  dim: number;
}

/** A round's scores, in item id order, as row-major arrays (null where the round has none). */
export interface RoundScores {
  itemIds: string[];
  probs: Float32Array | null;
  numClasses: number;
  embeddings: Float32Array | null;
  dim: number;
}

const PAGE = 20_000;

function arrayLiteral(values: Float32Array, from: number, width: number): string {
  const parts = new Array<string>(width);
  // Float32 values printed at float32 precision read back as the same real.
  for (let j = 0; j < width; j++) parts[j] = String(Math.fround(values[from + j]));
  return `{${parts.join(',')}}`;
}

@Injectable()
export class PredictionRepository {
  constructor(
    private readonly sql: Sql,
    @Inject(DATABASE_OPTIONS) private readonly options: DatabaseOptions,
  ) {}

  /** Writes one chunk's scores and counts the chunk done, once; false when the chunk was done already. */
  async saveChunk(roundId: string, chunk: number, scores: ChunkScores): Promise<boolean> {
    const { itemIds, probs, numClasses: k, embeddings, dim } = scores;
    return this.sql.tx(async (c) => {
      await c.query(`CREATE TEMP TABLE chunk_predictions (item_id bigint, probs real[], embedding real[]) ON COMMIT DROP`);
      const rows = function* (): Generator<(string | null)[]> {
        for (let i = 0; i < itemIds.length; i++) {
          yield [itemIds[i], probs ? arrayLiteral(probs, i * k, k) : null, embeddings ? arrayLiteral(embeddings, i * dim, dim) : null];
        }
      };
      if (this.options.bulkInsert === 'insert') await this.insertRows(c, rows());
      else await copyInto(c, `COPY chunk_predictions (item_id, probs, embedding) FROM STDIN`, rows());
      await c.query(
        `INSERT INTO predictions (round_id, item_id, model_id, probs, embedding)
         SELECT $1, item_id, $2, probs, embedding FROM chunk_predictions
         ON CONFLICT (round_id, item_id) DO NOTHING`,
        [roundId, scores.modelId],
      );
      const { rowCount } = await c.query(
        `WITH done AS (
           UPDATE al_round_chunks SET done_at = now() WHERE round_id = $1 AND chunk = $2 AND done_at IS NULL RETURNING items)
         UPDATE al_rounds SET chunks_done = chunks_done + 1, scored = scored + (SELECT items FROM done)
          WHERE id = $1 AND EXISTS (SELECT 1 FROM done)`,
        [roundId, chunk],
      );
      return (rowCount ?? 0) > 0;
    });
  }

  /** The embedded database (PGlite) has no COPY: batches of array literals expanded by unnest. */
  private async insertRows(c: PoolClient, rows: Iterable<(string | null)[]>): Promise<void> {
    let batch: (string | null)[][] = [];
    const flush = async () => {
      await c.query(`INSERT INTO chunk_predictions SELECT i, p::real[], e::real[] FROM unnest($1::bigint[], $2::text[], $3::text[]) AS t(i, p, e)`, [
        batch.map((r) => r[0]),
        batch.map((r) => r[1]),
        batch.map((r) => r[2]),
      ]);
      batch = [];
    };
    for (const r of rows) {
      batch.push(r);
      if (batch.length === 2000) await flush();
    }
    if (batch.length) await flush();
  }

  /** Every score of the round in item id order, read a page at a time into typed arrays. */
  async forRound(roundId: string): Promise<RoundScores> {
    // Every row of a round has the same widths: read them from one.
    const widths = await this.sql.one<{ k: number | null; dim: number | null }>(
      `SELECT cardinality(probs) AS k, cardinality(embedding) AS dim FROM predictions WHERE round_id = $1 LIMIT 1`,
      [roundId],
    );
    const k = widths?.k ?? 0;
    const dim = widths?.dim ?? 0;
    const itemIds: string[] = [];
    const probParts: Float32Array[] = [];
    const embeddingParts: Float32Array[] = [];
    for (let after = '0'; ; ) {
      const page = await this.sql.many<{ id: string; probs: number[] | null; embedding: number[] | null }>(
        `SELECT item_id::text AS id, probs::float4[] AS probs, embedding::float4[] AS embedding FROM predictions
          WHERE round_id = $1 AND item_id > $2::bigint ORDER BY item_id LIMIT $3`,
        [roundId, after, PAGE],
      );
      if (!page.length) break;
      const p = new Float32Array(page.length * k);
      const e = new Float32Array(page.length * dim);
      page.forEach((r, i) => {
        itemIds.push(r.id);
        if (r.probs && k) p.set(r.probs, i * k);
        if (r.embedding && dim) e.set(r.embedding, i * dim);
      });
      probParts.push(p);
      embeddingParts.push(e);
      after = page[page.length - 1].id;
      if (page.length < PAGE) break;
    }
    return { itemIds, probs: k ? concat(probParts) : null, numClasses: k, embeddings: dim ? concat(embeddingParts) : null, dim };
  }
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
