// A complete snapshot's stored rows, streamed as their JSON lines (`line + '\n'` each) straight out of
// `COPY … TO STDOUT`: no row is parsed or held in memory here, and the connection goes back to the pool however the
// stream ends (done, failed, or destroyed when the client disconnects).
import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { DatabaseOptions } from '../data-source';
import { DATABASE_OPTIONS } from '../database-options.token';
import { Sql } from '../sql';

export type SnapshotRowsSplit = 'train' | 'valid' | 'test' | 'all';

// CSV with delimiter and quote characters JSON text never holds raw (it escapes every control character): COPY
// then writes each line untouched, where the text format would double its backslashes.
const COPY_OPTIONS = `(FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02')`;

// Stored files are cut into pieces of about this size, read back one piece per query (a page of pieces arrives as hex
// text twice its size, so bigger pages only hold more memory at once).
const PIECE_BYTES = 1 << 20;
const PIECES_PER_PAGE = 1;

// Rows per page where COPY is unavailable (the embedded database's socket cannot carry the COPY sub-protocol).
const PAGE_ROWS = 5_000;

function rowsQuery(split: SnapshotRowsSplit, columns = 'line'): { sql: string; params: (snapshotId: string, cursor: number) => unknown[] } {
  // Keyset on the ordinals (both indexed): a cursor resumes without the server counting the skipped rows.
  return split === 'all'
    ? { sql: `SELECT ${columns} FROM snapshot_rows WHERE snapshot_id = $1 AND ordinal > $2 ORDER BY ordinal`, params: (s, c) => [s, c] }
    : {
        sql: `SELECT ${columns.replace('ordinal', 'split_ordinal')} FROM snapshot_rows WHERE snapshot_id = $1 AND split = $3 AND split_ordinal > $2 ORDER BY split_ordinal`,
        params: (s, c) => [s, c, split],
      };
}

/** Inlines COPY's parameters (it takes none): a bigint id, a non-negative integer and a fixed split name. */
function copyStatement(snapshotId: string, split: SnapshotRowsSplit, cursor: number): string {
  if (!/^\d+$/.test(snapshotId)) throw new Error(`bad snapshot id ${snapshotId}`);
  if (!Number.isSafeInteger(cursor) || cursor < 0) throw new Error(`bad cursor ${cursor}`);
  const { sql } = rowsQuery(split);
  const select = sql.replace('$1', snapshotId).replace('$2', String(cursor)).replace('$3', `'${split}'`);
  return `COPY (${select}) TO STDOUT ${COPY_OPTIONS}`;
}

@Injectable()
export class SnapshotRowsRepository {
  constructor(
    private readonly sql: Sql,
    @Inject(DATABASE_OPTIONS) private readonly options: DatabaseOptions,
  ) {}

  /**
   * The rows of the snapshot's split (all of them for `all`) in order, after the first `cursor`, as JSONL bytes.
   * The stream holds one pooled connection until it ends or is destroyed; a destroyed one closes its connection
   * (it is mid-COPY, so it cannot be reused).
   */
  async copyLines(snapshotId: string, split: SnapshotRowsSplit, cursor: number): Promise<Readable> {
    const statement = copyStatement(snapshotId, split, cursor);
    if (this.options.bulkInsert === 'insert') return this.pagedLines(snapshotId, split, cursor);
    const client = await this.sql.connect();
    let stream: Readable;
    try {
      // The download lasts as long as the client takes to read it: the api's statement timeout must not cut it.
      await client.query(`BEGIN; SET LOCAL statement_timeout = 0`);
      stream = client.query(copyTo(statement));
    } catch (err) {
      client.release(true);
      throw err;
    }
    releaseWhenDone(client, stream);
    return stream;
  }

  /**
   * Whether files can be stored: not on the embedded database, where a transaction holds its one session, so
   * storing pieces in one while reading the rows on another connection would wait for ever.
   */
  get storesFiles(): boolean {
    return this.options.bulkInsert !== 'insert';
  }

  /**
   * Stores a file of the snapshot (its bytes as they stream in, in pieces of `PIECE_BYTES`) in one transaction: a
   * file is there whole with its `done` row, or not at all. Storing it again replaces it.
   */
  async storeFile(snapshotId: string, split: SnapshotRowsSplit, format: 'parquet', bytes: AsyncIterable<Uint8Array>): Promise<{ pieces: number; size: number }> {
    return this.sql.tx(async (c) => {
      await c.query(`SET LOCAL statement_timeout = 0`);
      await c.query(`DELETE FROM snapshot_files_done WHERE snapshot_id = $1 AND split = $2 AND format = $3`, [snapshotId, split, format]);
      await c.query(`DELETE FROM snapshot_files WHERE snapshot_id = $1 AND split = $2 AND format = $3`, [snapshotId, split, format]);
      let pieces = 0;
      let size = 0;
      let held: Buffer[] = [];
      let heldBytes = 0;
      const flush = async () => {
        if (heldBytes === 0) return;
        await c.query(`INSERT INTO snapshot_files (snapshot_id, split, format, piece, bytes) VALUES ($1, $2, $3, $4, $5)`, [
          snapshotId, split, format, pieces, Buffer.concat(held, heldBytes)]);
        pieces++;
        size += heldBytes;
        held = [];
        heldBytes = 0;
      };
      for await (const chunk of bytes) {
        held.push(Buffer.from(chunk));
        heldBytes += chunk.byteLength;
        if (heldBytes >= PIECE_BYTES) await flush();
      }
      await flush();
      await c.query(`INSERT INTO snapshot_files_done (snapshot_id, split, format, pieces, size) VALUES ($1, $2, $3, $4, $5)`, [snapshotId, split, format, pieces, size]);
      return { pieces, size };
    });
  }

  /** A stored file's bytes, a piece per query (memory flat), or null when it was not stored (yet). */
  async storedFile(snapshotId: string, split: SnapshotRowsSplit, format: 'parquet'): Promise<{ size: number; stream: Readable } | null> {
    const done = await this.sql.one<{ pieces: number; size: string }>(
      `SELECT pieces, size::text AS size FROM snapshot_files_done WHERE snapshot_id = $1 AND split = $2 AND format = $3`,
      [snapshotId, split, format],
    );
    if (!done) return null;
    const pool = this.sql.pool;
    const stream = Readable.from(
      (async function* () {
        for (let next = 0; next < done.pieces; next += PIECES_PER_PAGE) {
          const { rows } = await pool.query<{ bytes: Buffer }>(
            `SELECT bytes FROM snapshot_files WHERE snapshot_id = $1 AND split = $2 AND format = $3 AND piece >= $4 AND piece < $5 ORDER BY piece`,
            [snapshotId, split, format, next, next + PIECES_PER_PAGE],
          );
          for (const r of rows) yield r.bytes;
        }
      })(),
      { objectMode: false },
    );
    return { size: Number(done.size), stream };
  }

  /** The same bytes from keyset pages of plain SELECTs, each on whichever pooled connection is free. */
  private pagedLines(snapshotId: string, split: SnapshotRowsSplit, cursor: number): Readable {
    const { sql, params } = rowsQuery(split, 'line, ordinal AS o');
    const pool = this.sql.pool;
    let after = cursor;
    return Readable.from(
      (async function* () {
        for (;;) {
          const { rows } = await pool.query<{ line: string; o: number }>(`${sql} LIMIT ${PAGE_ROWS}`, params(snapshotId, after));
          if (rows.length > 0) yield rows.map((r) => r.line + '\n').join('');
          if (rows.length < PAGE_ROWS) return;
          after = rows[rows.length - 1].o;
        }
      })(),
      { objectMode: false },
    );
  }
}

function releaseWhenDone(client: PoolClient, stream: Readable): void {
  let released = false;
  const release = (destroy: boolean) => {
    if (released) return;
    released = true;
    client.release(destroy);
  };
  // pg-copy-streams emits a failed COPY's error (and 'Connection terminated' once the socket is closed) without
  // destroying the stream, so a listener must always be there: an unheard 'error' would crash the process.
  stream.on('error', () => release(true));
  stream.on('close', () => {
    if (!stream.readableEnded) return release(true);
    client.query('COMMIT').then(
      () => release(false),
      () => release(true),
    );
  });
}
