// Ingest benchmark: a 200k-row JSONL file through `POST /imports` (parse, validate, COPY, slots, counters)
// against raw `COPY FROM STDIN` of the same rows into the same table, measured in the same run, plus the
// api process's peak RSS. Run with `npm run bench -- ingest`.
import { createReadStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { newProject, signIn } from '@arbiter/testing';
import { startStack } from '@arbiter/testing';
import { median, progressBar, recordResult } from './support/report';

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const AGNEWS = resolve(__dirname, '../../shared/data/agnews-test/test.jsonl');

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function main(): Promise<void> {
  // Real text: the AG News test sentences, cycled to ROWS with unique external ids.
  const sentences = readFileSync(AGNEWS, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { label: number; sentence: string });
  const file = resolve(tmpdir(), `arbiter-bench-${ROWS}.jsonl`);
  const lines: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    const s = sentences[i % sentences.length];
    lines.push(JSON.stringify({ id: `n${i}`, text: s.sentence, topic: s.label }));
  }
  writeFileSync(file, lines.join('\n') + '\n');
  const mb = statSync(file).size / 1e6;
  console.log(`${ROWS} rows, ${mb.toFixed(1)} MB`);

  const stack = await startStack({ env: { LOG_LEVEL: 'warn' } });
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const owner = await signIn(stack.baseUrl, stack.admin);
    const rssBefore = rssMb(stack.apiPid);
    const api: number[] = [];
    const raw: number[] = [];
    const bar = progressBar(REPEATS * 2);
    for (let r = 0; r < REPEATS; r++) {
      // Baseline: the same rows, COPYed straight into items (no parsing, validation, dedupe, slots or counters).
      const pRaw = await newProject(owner);
      const t0 = process.hrtime.bigint();
      const copy = db.query(copyFrom(`COPY items (project_id, external_id, text, metadata) FROM STDIN`));
      await pipeline(
        Readable.from(
          (function* () {
            for (let i = 0; i < ROWS; i++) {
              const s = sentences[i % sentences.length];
              const text = s.sentence.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
              yield `${pRaw.id}\tn${i}\t${text}\t{"topic":${s.label}}\n`;
            }
          })(),
        ),
        copy,
      );
      raw.push(Number(process.hrtime.bigint() - t0) / 1e9);
      bar.tick();

      const pApi = await newProject(owner);
      const t1 = process.hrtime.bigint();
      const res = await fetch(`${stack.baseUrl}/api/projects/${pApi.id}/imports?format=jsonl&externalIdField=id`, {
        method: 'POST',
        headers: { cookie: owner.sessionCookie!, 'content-type': 'application/x-ndjson' },
        body: Readable.toWeb(createReadStream(file)) as ReadableStream,
        duplex: 'half',
      } as RequestInit);
      const report = (await res.json()) as { inserted: number };
      api.push(Number(process.hrtime.bigint() - t1) / 1e9);
      if (report.inserted !== ROWS) throw new Error(`imported ${JSON.stringify(report)}`);
      bar.tick();
    }
    const peak = peakRssMb(stack.apiPid);
    const result = {
      rows: ROWS,
      fileMb: Number(mb.toFixed(1)),
      rawCopySeconds: median(raw),
      apiSeconds: median(api),
      ratio: median(api) / median(raw),
      apiRowsPerSecond: Math.round(ROWS / median(api)),
      apiPeakRssMb: Math.round(peak),
      apiRssBeforeMb: Math.round(rssBefore),
    };
    console.log(result);
    recordResult('ingest', [
      `| rows | file | raw COPY (median of ${REPEATS}) | API import (median) | ratio API / COPY | API rows/s | api peak RSS (before) |`,
      '|---|---|---|---|---|---|---|',
      `| ${ROWS} | ${result.fileMb} MB | ${result.rawCopySeconds.toFixed(2)} s | ${result.apiSeconds.toFixed(2)} s | **${result.ratio.toFixed(2)}×** | ${result.apiRowsPerSecond} | ${result.apiPeakRssMb} MB (${result.apiRssBeforeMb} MB) |`,
    ]);
  } finally {
    await db.end();
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
