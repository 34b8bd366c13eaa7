// A split's canonical JSONL, downloaded with resume and checked: after a broken connection the download continues
// with `cursor` = rows already received (only whole lines count), and at the end the SHA-256 of every byte kept must
// equal the manifest's content hash for that split. Memory stays at one network chunk however large the snapshot.
import { createHash } from 'node:crypto';
import type { SnapshotManifest, Split } from '@arbiter/contracts';
import { ArbiterError, CLIENT_ERROR_CODE } from './arbiter-error';
import { causeOf, HttpTransport, projectPath, sleep } from './http-transport';

export type SplitOrAll = Split | 'all';

export interface PullProgress {
  version: number;
  split: SplitOrAll;
  rows: number;
  totalRows: number;
  bytes: number;
}

export interface DownloadTarget {
  projectId: string;
  manifest: SnapshotManifest;
  split: SplitOrAll;
  onProgress?: (p: PullProgress) => void;
  signal?: AbortSignal;
}

const NEWLINE = 0x0a;

function countNewlines(buf: Uint8Array): number {
  let n = 0;
  for (let i = buf.indexOf(NEWLINE); i !== -1; i = buf.indexOf(NEWLINE, i + 1)) n += 1;
  return n;
}

export function expectedOf(manifest: SnapshotManifest, split: SplitOrAll): { rows: number; contentHash: string } {
  return split === 'all' ? { rows: manifest.rowCount, contentHash: manifest.contentHash } : manifest.splits[split];
}

/** Yields whole JSONL lines as received (chunks end on a line boundary); throws at the end if the hash differs. */
export async function* downloadVerifiedJsonl(http: HttpTransport, t: DownloadTarget): AsyncGenerator<Uint8Array> {
  const { manifest, split } = t;
  const expected = expectedOf(manifest, split);
  const path = `${projectPath(t.projectId)}/snapshots/${manifest.version}/rows`;
  const hash = createHash('sha256');
  let rows = 0;
  let bytes = 0;
  let failures = 0;
  for (;;) {
    let carry: Buffer = Buffer.alloc(0);
    let progressed = false;
    try {
      const response = await http.send('GET', path, {
        query: { split, format: 'jsonl', cursor: rows || undefined },
        headers: { accept: 'application/x-ndjson' },
        signal: t.signal,
      });
      if (!response.body) throw new Error('the answer has no body');
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        const buf = carry.length ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        const end = buf.lastIndexOf(NEWLINE) + 1;
        // Copied: the tail must outlive the chunk it came from.
        carry = Buffer.from(buf.subarray(end));
        if (end === 0) continue;
        const whole = buf.subarray(0, end);
        rows += countNewlines(whole);
        bytes += whole.byteLength;
        hash.update(whole);
        progressed = true;
        t.onProgress?.({ version: manifest.version, split, rows, totalRows: expected.rows, bytes });
        yield whole;
      }
      // A last line without a newline counts only if it is the last row expected; else it is a cut line.
      if (carry.length && rows + 1 === expected.rows) {
        rows += 1;
        bytes += carry.byteLength;
        hash.update(carry);
        t.onProgress?.({ version: manifest.version, split, rows, totalRows: expected.rows, bytes });
        yield carry;
      }
      if (rows >= expected.rows) break;
      throw new Error(`the answer ended after ${rows} of ${expected.rows} rows`);
    } catch (error) {
      // The server's refusals (not found, forbidden, bad query) will not change on a retry.
      if (error instanceof ArbiterError && error.status >= 400 && error.status < 500) throw error;
      if (t.signal?.aborted) throw error;
      failures = progressed ? 1 : failures + 1;
      if (failures > http.retry.attempts) {
        throw new ArbiterError(
          `pulling snapshot ${manifest.version} (${split}) failed ${failures} times in a row after ${rows} of ${expected.rows} rows: ${causeOf(error)}`,
          0,
          CLIENT_ERROR_CODE.Network,
        );
      }
      await sleep(http.retry.baseDelayMs * 2 ** (failures - 1));
    }
  }
  const actual = hash.digest('hex');
  if (actual !== expected.contentHash || rows !== expected.rows) {
    throw new ArbiterError(
      `snapshot ${manifest.version} (${split}): content hash mismatch: received ${rows} rows hashing to ${actual}, the manifest says ${expected.rows} rows hashing to ${expected.contentHash}`,
      0,
      CLIENT_ERROR_CODE.ContentHashMismatch,
    );
  }
}

/** The same download parsed into rows, one JSON object per line. */
export async function* parseJsonlRows<T>(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<T> {
  const decoder = new TextDecoder();
  for await (const chunk of chunks) {
    // Chunks end on a newline, so no character is split between two of them.
    for (const line of decoder.decode(chunk).split('\n')) if (line) yield JSON.parse(line) as T;
  }
}
