// Ingest benchmark: a 200k-row JSONL file through `POST /imports` (parse, validate, COPY, slots, counters)
// against raw `COPY FROM STDIN` of the same rows into the same table, measured in the same run, plus the
// api process's peak RSS. Run with `npm run bench -- ingest`.
import { createReadStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { loadTestEnv } from '@arbiter/server/config';
import { from as copyFrom } from 'pg-copy-streams';
import { newProject, signIn } from '@arbiter/testing';
import { startStack } from '@arbiter/testing';
import { median, progressBar, recordResult } from './support/report';

const ROWS = loadTestEnv().BENCH_ROWS ?? 200_000;
const REPEATS = loadTestEnv().BENCH_REPEATS ?? 3;
const AGNEWS = resolve(__dirname, '../../shared/data/agnews-test/test.jsonl');

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

// Real text: the AG News test sentences, cycled to the row count with unique external ids.
const sentences = readFileSync(AGNEWS, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { label: number; sentence: string });

function writeRows(rows: number): string {
  const file = resolve(tmpdir(), `arbiter-bench-${rows}.jsonl`);
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const s = sentences[i % sentences.length];
    lines.push(JSON.stringify({ id: `n${i}`, text: s.sentence, topic: s.label }));
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

async function postFile(baseUrl: string, cookie: string, projectId: string, file: string): Promise<{ inserted: number }> {
  const res = await fetch(`${baseUrl}/api/projects/${projectId}/imports?format=jsonl&externalIdField=id`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-ndjson' },
    body: Readable.toWeb(createReadStream(file)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  return (await res.json()) as { inserted: number };
}

/** Peak RSS of a fresh api process that imports one file of `rows` rows: flat in the file size if streamed. */
async function peakRssForOneImport(rows: number): Promise<{ fileMb: number; peakMb: number; beforeMb: number }> {
  const file = writeRows(rows);
  const stack = await startStack({ env: { LOG_LEVEL: 'warn' } });
  try {
    const owner = await signIn(stack.baseUrl, stack.admin);
    const p = await newProject(owner);
    const beforeMb = rssMb(stack.apiPid);
    const report = await postFile(stack.baseUrl, owner.sessionCookie!, p.id, file);
    if (report.inserted !== rows) throw new Error(`imported ${JSON.stringify(report)}`);
    return { fileMb: statSync(file).size / 1e6, peakMb: peakRssMb(stack.apiPid), beforeMb };
  } finally {
    await stack.stop();
  }
}

async function main(): Promise<void> {
  const file = writeRows(ROWS);
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
      const report = await postFile(stack.baseUrl, owner.sessionCookie!, pApi.id, file);
      api.push(Number(process.hrtime.bigint() - t1) / 1e9);
      if (report.inserted !== ROWS) throw new Error(`imported ${JSON.stringify(report)}`);
      bar.tick();
    }
    const peak = peakRssMb(stack.apiPid);
    await db.end();
    await stack.stop();
    // Memory: one import of N and of 2N rows, each in a fresh api process.
    const small = await peakRssForOneImport(ROWS / 2);
    const large = await peakRssForOneImport(ROWS * 2);
    const result = {
      rows: ROWS,
      fileMb: Number(mb.toFixed(1)),
      rawCopySeconds: median(raw),
      apiSeconds: median(api),
      ratio: median(api) / median(raw),
      apiRowsPerSecond: Math.round(ROWS / median(api)),
      apiPeakRssMb: Math.round(peak),
      apiRssBeforeMb: Math.round(rssBefore),
      memory: { small, large, growthRatio: (large.peakMb - large.beforeMb) / (small.peakMb - small.beforeMb) },
    };
    console.log(result);
    recordResult('ingest', [
      `| rows | file | raw COPY (median of ${REPEATS}) | API import (median) | ratio API / COPY | API rows/s | api peak RSS (before) |`,
      '|---|---|---|---|---|---|---|',
      `| ${ROWS} | ${result.fileMb} MB | ${result.rawCopySeconds.toFixed(2)} s | ${result.apiSeconds.toFixed(2)} s | **${result.ratio.toFixed(2)}×** | ${result.apiRowsPerSecond} | ${result.apiPeakRssMb} MB (${result.apiRssBeforeMb} MB) |`,
      '',
      'Streaming: peak RSS of a fresh api process importing one file, at two sizes (growth = extra RSS over the idle process).',
      '',
      '| rows | file | api peak RSS | growth over idle |',
      '|---|---|---|---|',
      ...[
        [ROWS / 2, small],
        [ROWS * 2, large],
      ].map(([n, m]) => {
        const x = m as { fileMb: number; peakMb: number; beforeMb: number };
        return `| ${n} | ${x.fileMb.toFixed(1)} MB | ${Math.round(x.peakMb)} MB | ${Math.round(x.peakMb - x.beforeMb)} MB |`;
      }),
      '',
      `Four times the rows costs **${result.memory.growthRatio.toFixed(2)}×** the extra memory: the file is streamed, not buffered.`,
    ]);
  } catch (err) {
    await db.end().catch(() => undefined);
    await stack.stop().catch(() => undefined);
    throw err;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
