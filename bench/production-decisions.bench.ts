// Production decisions benchmark (issue 10): single decisions per second and their p99 latency through Arbiter's
// `POST …/predictions` (service-key auth, the project's policy, routing, the audit row and review written in one
// transaction) against a bare Fastify route doing the same request validation, in its own process, in the same run
// (goal ≥ 0.5×); batch predictions per second the same way; and 10× overload: ten times the connections of that
// load, past the api's limit in flight, every answered decision stored once, the refused ones (429 with Retry-After)
// stored by their retry and nothing twice. Run with `npm run bench -- production-decisions`.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import type { CreatedApiKey, PredictionRequest } from '@arbiter/contracts';
import { loadTestEnv } from '@arbiter/server/config';
import { newProject, signIn, startStack } from '@arbiter/testing';
import { mulberry32 } from '@arbiter/util/random';
import { median, progressBar, recordResult } from './support/report';

const SECONDS = loadTestEnv().BENCH_SECONDS ?? 10;
const REPEATS = loadTestEnv().BENCH_REPEATS ?? 3;
const CONNECTIONS = 16;
const BATCH = 1000;
const AGNEWS = resolve(__dirname, '../../shared/data/agnews-test/test.jsonl');
const texts = readFileSync(AGNEWS, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { sentence: string }).sentence);

/** A 4-label prediction, peaked like a softmax, on an AG News sentence; ids unique per run. */
function prediction(id: string, n: number): PredictionRequest {
  const next = mulberry32(n + 1);
  const peak = n % 4;
  const raw = [0, 1, 2, 3].map((c) => (c === peak ? 1 + next() * 8 : next()));
  const sum = raw.reduce((a, b) => a + b, 0);
  return { predictionId: id, item: { text: texts[n % texts.length], metadata: { source: 'bench' } }, model: { name: 'agnews-lr', version: '1' }, probs: raw.map((v) => v / sum) };
}

interface Run {
  /** Requests the load generator started (some may still have been in flight when it stopped). */
  issued: number;
  rps: number;
  p99: number;
  p50: number;
  non2xx: number;
  errors: number;
}

/** autocannon for SECONDS against `url`, each request a fresh body from `body(n)`. */
async function load(url: string, connections: number, headers: Record<string, string>, body: (n: number) => unknown, onResponse?: (status: number, n: number) => void): Promise<Run> {
  let counter = 0;
  const result = await autocannon({
    url,
    connections,
    duration: SECONDS,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    requests: [
      {
        setupRequest: (req, context) => {
          const n = counter++;
          (context as { n: number }).n = n;
          return { ...req, body: JSON.stringify(body(n)) };
        },
        onResponse: (status, _body, context) => onResponse?.(status, (context as { n: number }).n),
      },
    ],
  });
  return { issued: counter, rps: result.requests.average, p99: result.latency.p99, p50: result.latency.p50, non2xx: result.non2xx, errors: result.errors };
}

function startBare(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', resolve(__dirname, 'support/bare-prediction-server.ts')], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((res, rej) => {
    child.stdout?.once('data', (d) => res({ child, url: `http://127.0.0.1:${String(d).trim()}` }));
    child.once('exit', (code) => rej(new Error(`baseline server exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  const bare = await startBare();
  const stack = await startStack({ env: { LOG_LEVEL: 'warn' } });
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const owner = await signIn(stack.baseUrl, stack.admin);
    const project = await newProject(owner, {
      labelSchema: { kind: 'single', labels: [{ name: 'World' }, { name: 'Sports' }, { name: 'Business' }, { name: 'Sci/Tech' }] },
    });
    const key = await owner.post<CreatedApiKey>(`/api/projects/${project.id}/api-keys`, { name: 'bench', role: 'service' });
    const auth = { authorization: `Bearer ${key.body.key}` };
    const api = `${stack.baseUrl}/api/projects/${project.id}`;

    const single = { bare: [] as Run[], arbiter: [] as Run[] };
    const batch = { bare: [] as Run[], arbiter: [] as Run[] };
    const bar = progressBar(REPEATS * 4 + 2);
    for (let r = 0; r < REPEATS; r++) {
      single.bare.push(await load(`${bare.url}/predictions`, CONNECTIONS, {}, (n) => prediction(`b${r}-${n}`, n)));
      bar.tick();
      single.arbiter.push(await load(`${api}/predictions`, CONNECTIONS, auth, (n) => prediction(`s${r}-${n}`, n)));
      bar.tick();
      const many = (prefix: string) => (n: number) => ({ predictions: Array.from({ length: BATCH }, (_, i) => prediction(`${prefix}-${n}-${i}`, n * BATCH + i)) });
      batch.bare.push(await load(`${bare.url}/predictions/batch`, 4, {}, many(`bb${r}`)));
      bar.tick();
      batch.arbiter.push(await load(`${api}/predictions/batch`, 4, auth, many(`ab${r}`)));
      bar.tick();
    }

    // Overload: ten times the connections of the single-decision load above. Every request is tracked by its
    // prediction id: answered (200), refused (429), or neither (a transport error).
    const outcome = new Map<string, number>();
    const over = await load(`${api}/predictions`, CONNECTIONS * 10, auth, (n) => prediction(`o-${n}`, n), (status, n) => outcome.set(`o-${n}`, status));
    bar.tick();
    // Requests still in flight when the load stopped may have been decided without their answer being read: they
    // count as sent and unanswered, and the client's retry gets their stored decision.
    const sent = over.issued;
    const answered = [...outcome].filter(([, s]) => s === 200).map(([id]) => id);
    const refused = [...outcome].filter(([, s]) => s === 429).map(([id]) => id);
    const storedBefore = await db.query<{ id: string }>(`SELECT client_prediction_id AS id FROM production_predictions WHERE project_id = $1 AND client_prediction_id LIKE 'o-%'`, [project.id]);
    const before = new Set(storedBefore.rows.map((r) => r.id));
    const lost = answered.filter((id) => !before.has(id)).length;
    const refusedButWritten = refused.filter((id) => before.has(id)).length;
    // The client retries what was not answered, as a production service would (same ids, same bodies).
    const retry = Array.from({ length: sent }, (_, n) => n).filter((n) => outcome.get(`o-${n}`) !== 200);
    for (let i = 0; i < retry.length; i += 200) {
      const chunk = retry.slice(i, i + 200).map((n) => prediction(`o-${n}`, n));
      const res = await fetch(`${api}/predictions/batch`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ predictions: chunk }) });
      if (res.status !== 200) throw new Error(`retry answered ${res.status}: ${await res.text()}`);
    }
    const after = await db.query<{ n: number; distinct: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT client_prediction_id)::int AS distinct FROM production_predictions WHERE project_id = $1 AND client_prediction_id LIKE 'o-%'`,
      [project.id],
    );
    bar.tick();

    const m = (runs: Run[], f: (r: Run) => number) => median(runs.map(f));
    const sRatio = m(single.arbiter, (r) => r.rps) / m(single.bare, (r) => r.rps);
    const bRatio = m(batch.arbiter, (r) => r.rps) / m(batch.bare, (r) => r.rps);
    const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
    const lines = [
      `${SECONDS} s per run, median of ${REPEATS} runs alternating baseline and Arbiter; load by autocannon in the bench process; the api, one worker, PostgreSQL and Redis on the same machine. Baseline: a bare Fastify route in its own process doing the same validation (the contracts' zod schemas and the probability sum) with no auth, database or routing (\`bench/support/bare-prediction-server.ts\`). Arbiter: a service key, the default policy on 4 labels, each decision's audit row (and review, when routed) committed before the answer.`,
      '',
      '| load | baseline | Arbiter | ratio Arbiter / baseline | goal |',
      '|---|---|---|---|---|',
      `| single decisions/s, ${CONNECTIONS} connections | ${fmt(m(single.bare, (r) => r.rps))} | ${fmt(m(single.arbiter, (r) => r.rps))} | **${sRatio.toFixed(2)}×** | ≥ 0.5× |`,
      `| p99 latency (p50), single | ${m(single.bare, (r) => r.p99)} ms (${m(single.bare, (r) => r.p50)} ms) | ${m(single.arbiter, (r) => r.p99)} ms (${m(single.arbiter, (r) => r.p50)} ms) | ${(m(single.arbiter, (r) => r.p99) / m(single.bare, (r) => r.p99)).toFixed(1)}× | |`,
      `| batch predictions/s, ${BATCH} a request, 4 connections | ${fmt(m(batch.bare, (r) => r.rps) * BATCH)} | ${fmt(m(batch.arbiter, (r) => r.rps) * BATCH)} | **${bRatio.toFixed(2)}×** | |`,
      '',
      `Overload: ${CONNECTIONS * 10} connections (10× the single-decision load's; more than the api's limit in flight, and the api answers twice as many per second as at 16, since each request mostly waits on the database) for ${SECONDS} s with \`PREDICTIONS_MAX_IN_FLIGHT\` at its default: ${fmt(sent)} requests, ${fmt(answered.length)} answered 200 at ${fmt(over.rps)}/s (p99 ${over.p99} ms), ${fmt(refused.length)} refused with 429 and Retry-After, ${fmt(sent - outcome.size)} without an answer read (in flight at the end), ${fmt(outcome.size - answered.length - refused.length)} otherwise failed. Answered but not stored: **${lost}**. Refused but written: **${refusedButWritten}**. After the client retried every unanswered id (same bodies, batches of 200): ${fmt(after.rows[0].n)} rows for ${fmt(after.rows[0].distinct)} distinct ids of ${fmt(sent)} sent (**${after.rows[0].n - after.rows[0].distinct}** duplicated, **${sent - after.rows[0].distinct}** missing).`,
    ];
    console.log(lines.join('\n'));
    recordResult('production decisions', lines);
  } finally {
    await db.end();
    await stack.stop();
    bare.child.kill();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
