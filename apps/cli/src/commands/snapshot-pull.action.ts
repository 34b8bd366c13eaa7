// `arbiter snapshot pull`: the canonical JSONL through the SDK (resumed after a broken connection, hash-checked),
// written as JSONL (the bytes as received), CSV or Parquet. The file appears only once the hash matched.
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import type { SnapshotFormat } from '@arbiter/contracts';
import type { ArbiterClient, PullOptions, PullProgress, SplitOrAll } from '@arbiter/sdk';
import { SingleBar } from 'cli-progress';
import type { CliIo } from '../cli-io';
import { writeRowsCsv } from '../writers/snapshot-rows-csv.writer';
import { writeRowsParquet } from '../writers/snapshot-rows-parquet.writer';

export interface PullCommandOptions {
  project: string;
  version: number | 'latest';
  split: SplitOrAll;
  format: SnapshotFormat;
  out: string;
}

async function writeBytes(chunks: AsyncIterable<Uint8Array>, file: string): Promise<void> {
  const out = createWriteStream(file);
  try {
    for await (const chunk of chunks) if (!out.write(chunk)) await once(out, 'drain');
  } finally {
    out.end();
    await once(out, 'close');
  }
}

export async function pullSnapshot(io: CliIo, client: ArbiterClient, o: PullCommandOptions): Promise<void> {
  const bar = new SingleBar({
    stream: io.stderr as NodeJS.WriteStream, noTTYOutput: true, notTTYSchedule: 5000, hideCursor: true,
    format: `snapshot v{version} {split} [{bar}] {value}/{total} rows · {percentage}%`,
  });
  let started = false;
  const onProgress = (p: PullProgress) => {
    if (!started) bar.start(p.totalRows, 0, { version: p.version, split: p.split });
    started = true;
    bar.update(p.rows);
  };
  const pull: PullOptions = { projectId: o.project, version: o.version, split: o.split, onProgress };
  const partial = `${o.out}.partial`;
  try {
    if (o.format === 'jsonl') await writeBytes(client.snapshots.pullJsonl(pull), partial);
    else if (o.format === 'csv') await writeRowsCsv(client.snapshots.pull(pull), partial);
    else await writeRowsParquet(client.snapshots.pull(pull), partial);
    renameSync(partial, o.out);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    if (started) bar.stop();
  }
}
