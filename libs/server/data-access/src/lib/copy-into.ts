// Streams rows into `COPY … FROM STDIN` (shared by the repositories that bulk-write: votes, weak labels, predictions).
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyRow } from './copy-text';

/** Streams rows into `COPY … FROM STDIN` in 64 KiB writes, honouring backpressure. */
export async function copyInto(c: PoolClient, statement: string, rows: Iterable<(string | null)[]>): Promise<void> {
  const stream = c.query(copyFrom(statement));
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', () => resolve());
    stream.on('error', reject);
  });
  let buf = '';
  for (const r of rows) {
    buf += copyRow(r);
    if (buf.length > 64 * 1024) {
      // A failed COPY ends in 'error', never 'drain': wait for whichever comes first.
      if (!stream.write(buf)) await Promise.race([new Promise((resolve) => stream.once('drain', resolve)), finished]);
      buf = '';
    }
  }
  stream.end(buf);
  await finished;
}
