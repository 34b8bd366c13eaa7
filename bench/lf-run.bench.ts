// LF application through the platform: the sample preview (an engineer waits for it) and a full run over a
// project (two worker processes sharing a flow of chunk jobs), each as a ratio against the same work without
// the platform in the same run: reading the same rows from PostgreSQL, and evaluating the same LFs in this
// process; and another project's preview while this project's slow code-LF preview runs, against it alone.
// Run with `npm run bench -- lf-run`.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import type { Lf, LfListResponse, LfPreviewResponse } from '@arbiter/contracts';
import { compileLf, type LfDefinition } from '@arbiter/domain/lf';
import { loadTestEnv } from '@arbiter/server/config';
import { compileCodeLf } from '@arbiter/server/sandbox';
import { importJsonl, newProject, signIn, startStack } from '@arbiter/testing';
import { median, progressBar, recordResult } from './support/report';

const ROWS = loadTestEnv().BENCH_ROWS ?? 100_000;
const REPEATS = loadTestEnv().BENCH_REPEATS ?? 5;
const AGNEWS = resolve(__dirname, '../../shared/data/agnews-test/test.jsonl');
const sentences = readFileSync(AGNEWS, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { label: number; sentence: string });

const KEYWORD: LfDefinition = { kind: 'keyword', keywords: ['game', 'season', 'coach', 'league'], label: 1 };
const REGEX: LfDefinition = { kind: 'regex', pattern: '\\b(stocks?|shares|profit)\\b', flags: 'i', label: 2 };
const CODE = "(item) => /\\b(software|internet|computer)\\b/i.test(item.text) ? 3 : ABSTAIN";
// About 5 ms of busy work per item: 10,000 items would take 50 s, so the preview runs to its budget.
const SLOW_CODE = '(item) => { const until = Date.now() + 5; while (Date.now() < until) {} return ABSTAIN; }';
const OTHER_ROWS = 2000;

async function main(): Promise<void> {
  const rows = Array.from({ length: ROWS }, (_, i) => {
    const s = sentences[i % sentences.length];
    return { id: `n${i}`, text: s.sentence, ...(i % 20 === 0 ? { gold: s.label } : {}) };
  });
  const stack = await startStack({ workers: 2, env: { LOG_LEVEL: 'warn' } });
  const db = new Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const owner = await signIn(stack.baseUrl, stack.admin);
    const project = await newProject(owner, {
      labelSchema: { kind: 'single', labels: ['World', 'Sports', 'Business', 'Sci/Tech'].map((name) => ({ name })) },
    });
    for (let i = 0; i < rows.length; i += 50_000) {
      const r = await importJsonl(owner, project.id, rows.slice(i, i + 50_000), 'format=jsonl&externalIdField=id&goldField=gold');
      if (r.status !== 200 && r.status !== 201) throw new Error(`import failed: ${r.status} ${JSON.stringify(r.body)}`);
    }

    // 1. Preview on a 10k sample, against reading the same sample rows with the same query.
    const bar = progressBar(REPEATS * 4);
    const previews: Record<string, number[]> = { keyword: [], code: [] };
    const reads: number[] = [];
    let lastPreview: LfPreviewResponse | undefined;
    for (let r = 0; r < REPEATS; r++) {
      let t = performance.now();
      // The preview's own sample queries: gold items, then the rest, in the sample index's order.
      const sample = (gold: string, limit: number) =>
        db.query(
          `SELECT i.id::text AS id, i.text, i.metadata, i.gold FROM items i WHERE i.project_id = $1 AND i.gold ${gold}
            ORDER BY hashtextextended(i.id::text, 20261123), i.id LIMIT $2`,
          [project.id, limit],
        );
      const gold = await sample('IS NOT NULL', 10_000);
      await sample('IS NULL', 10_000 - gold.rows.length);
      reads.push(performance.now() - t);
      bar.tick();
      for (const [kind, definition] of [['keyword', KEYWORD], ['code', { kind: 'code', source: CODE }]] as const) {
        t = performance.now();
        const res = await owner.post<LfPreviewResponse>(`/api/projects/${project.id}/lfs/preview`, { definition });
        previews[kind].push(performance.now() - t);
        if (res.status !== 200) throw new Error(`preview failed: ${res.status} ${JSON.stringify(res.body)}`);
        lastPreview = res.body;
        bar.tick();
      }
      bar.tick();
    }

    // 1b. Another project's code preview, alone and while this project's slow code preview holds the api's
    // sandbox thread (sent a second into it), request to response.
    const other = await newProject(owner, {
      labelSchema: { kind: 'single', labels: ['World', 'Sports', 'Business', 'Sci/Tech'].map((name) => ({ name })) },
    });
    await importJsonl(owner, other.id, rows.slice(0, OTHER_ROWS), 'format=jsonl&externalIdField=id&goldField=gold');
    const otherPreview = async () => {
      const t = performance.now();
      const res = await owner.post<LfPreviewResponse>(`/api/projects/${other.id}/lfs/preview`, { definition: { kind: 'code', source: CODE } });
      if (res.status !== 200 || res.body.partial) throw new Error(`other preview: ${res.status} ${JSON.stringify(res.body)}`);
      return performance.now() - t;
    };
    const alone: number[] = [];
    const beside: number[] = [];
    let slowPreview: LfPreviewResponse | undefined;
    let slowMs = 0;
    for (let r = 0; r < REPEATS; r++) {
      alone.push(await otherPreview());
      const t = performance.now();
      const slow = owner.post<LfPreviewResponse>(`/api/projects/${project.id}/lfs/preview`, { definition: { kind: 'code', source: SLOW_CODE } });
      await new Promise((res) => setTimeout(res, 1000));
      beside.push(await otherPreview());
      const s = await slow;
      slowMs = performance.now() - t;
      if (s.status !== 200 || !s.body.partial) throw new Error(`slow preview: ${s.status} ${JSON.stringify(s.body)}`);
      slowPreview = s.body;
    }

    // 2. A full run: three LFs over every item by two workers, until the label model is fitted.
    const evalStart = performance.now();
    const builtIns = [KEYWORD, REGEX].map(compileLf);
    let inProcessVotes = 0;
    for (const row of rows) for (const lf of builtIns) if (lf({ text: row.text }) >= 0) inProcessVotes++;
    const code = await compileCodeLf(CODE);
    for (let i = 0; i < rows.length; i += 2000) {
      const { votes } = await code.evaluate(rows.slice(i, i + 2000).map((row) => ({ id: row.id, text: row.text, metadata: {} })), 4);
      inProcessVotes += votes.filter((v) => v >= 0).length;
    }
    code.dispose();
    const evalMs = performance.now() - evalStart;

    const runStart = performance.now();
    const created: Lf[] = [];
    for (const [name, definition] of [['sports words', KEYWORD], ['money words', REGEX], ['tech words', { kind: 'code', source: CODE }]] as const) {
      created.push((await owner.post<Lf>(`/api/projects/${project.id}/lfs`, { name, definition })).body);
    }
    let list: LfListResponse | undefined;
    for (;;) {
      list = (await owner.get<LfListResponse>(`/api/projects/${project.id}/lfs`)).body;
      if (list.labelModel?.lfVersionIds.length === created.length && list.lfs.every((lf) => !lf.pending)) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    const runMs = performance.now() - runStart;
    const run = list.run;
    const { rows: stored } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM lf_votes v JOIN items i ON i.id = v.item_id WHERE i.project_id = $1`,
      [project.id],
    );
    if (stored[0].n !== inProcessVotes) throw new Error(`stored ${stored[0].n} votes, the in-process evaluation cast ${inProcessVotes}`);

    const read = median(reads);
    const kw = median(previews.keyword);
    const cd = median(previews.code);
    const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
    recordResult('lf-run', [
      `${ROWS} AG News sentences (every 20th with gold), 4 labels; api + 2 worker processes on this machine (real PostgreSQL and Redis).`,
      '',
      `Preview on a 10,000-item sample (median of ${REPEATS}; request to response, including reading the sample, evaluating, stored neighbours' votes and gold):`,
      '',
      '| LF | preview | baseline: the sample queries alone | ratio preview / SELECT | coverage shown |',
      '|---|---|---|---|---|',
      `| keyword | ${fmt(kw)} | ${fmt(read)} | **${(kw / read).toFixed(2)}×** | |`,
      `| code (QuickJS sandbox, fresh) | ${fmt(cd)} | ${fmt(read)} | **${(cd / read).toFixed(2)}×** | ${lastPreview?.coverage?.toFixed(4)} |`,
      '',
      `Another project's code preview (${OTHER_ROWS} items) while this project's slow code-LF preview (5 ms of busy work per item) runs, sent a second into it (median of ${REPEATS}); the slow preview answers at its time budget (LF_PREVIEW_BUDGET_MS, 5 s by default) with \`partial: true\` (${slowPreview?.sampled} of ${slowPreview?.sampleSize} items, ${fmt(slowMs)} request to response):`,
      '',
      '| preview | alone | beside the slow preview | ratio beside / alone |',
      '|---|---|---|---|',
      `| other project, code LF | ${fmt(median(alone))} | ${fmt(median(beside))} | **${(median(beside) / median(alone)).toFixed(2)}×** |`,
      '',
      'A full run (keyword + regex + code LF), from the three POSTs until every LF is applied and the label model is fitted:',
      '',
      '| items | LF evaluations | run through the platform | baseline: the same LFs evaluated in one process | ratio | items/s | chunks |',
      '|---|---|---|---|---|---|---|',
      `| ${ROWS} | ${ROWS * 3} (${stored[0].n} votes stored) | ${fmt(runMs)} | ${fmt(evalMs)} | **${(runMs / evalMs).toFixed(2)}×** | ${Math.round(ROWS / (runMs / 1000))} | ${run?.chunksTotal} |`,
      '',
      'The run adds reading items from PostgreSQL, writing votes through COPY, the queue round trips, two processes sharing two cores, and the label-model fit; the stored votes equal the in-process count (checked).',
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
