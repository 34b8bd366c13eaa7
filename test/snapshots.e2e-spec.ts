// Labeled snapshots as a retraining job sees them (issue 11): label, snapshot v1, relabel and add items, v2, diff;
// the rows in three formats with the manifest's content hash; splits stratified at v1 and never moved; a v1 pulled
// again byte for byte; labels committed while a build runs are not in it; a worker killed mid-build leaves no
// complete snapshot and the build completes once a worker is back; the signed `snapshot` webhook.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parquetReadObjects } from 'hyparquet';
import { ArbiterClient } from '@arbiter/sdk';
import type { Client } from 'pg';
import type { CreatedApiKey, Datasheet, NextTasksResponse, ReviewPage, SnapshotDiff, SnapshotManifest, SnapshotRow, SnapshotView, SplitSettings } from '@arbiter/contracts';
import { addMember, ApiClient, closeSession, importJsonl, newProject, newUser, openSession, Stack } from '@arbiter/testing';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, logs: () => string, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${logs().slice(-4000)}`);
    await sleep(150);
  }
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

describe('labeled snapshots', () => {
  let stack: Stack;
  let owner: ApiClient;
  let db: Client;
  let projectId: string;
  let annotators: ApiClient[];
  let reviewer: ApiClient;
  const received: { event: string; body: string; signatureValid: boolean }[] = [];
  let hookServer: Server;
  const SECRET = 'snapshot-hook-secret';

  const base = () => `/api/projects/${projectId}`;

  async function raw(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Buffer; headers: Headers }> {
    const res = await fetch(`${stack.baseUrl}${path}`, { headers: { cookie: owner.sessionCookie ?? '', ...headers } });
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()), headers: res.headers };
  }

  async function snapshot(policy?: object): Promise<SnapshotView> {
    const r = await owner.post<SnapshotView>(`${base()}/snapshots`, policy ? { policy } : {});
    expect(r.status).toBe(202);
    expect(r.body.status).toBe('building');
    return until(`snapshot v${r.body.version}`, async () => {
      const v = (await owner.get<SnapshotView>(`${base()}/snapshots/${r.body.version}`)).body;
      if (v.status === 'failed') throw new Error(`v${v.version} failed: ${v.error}`);
      return v.status === 'complete' && v;
    }, stack.logs);
  }

  const jsonl = (buf: Buffer) => buf.toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as SnapshotRow);

  /** Labels (or skips) every item the queue serves this annotator, by `pick` (the item's external id → label index). */
  async function labelAll(client: ApiClient, pick: (externalId: string) => number | 'skip'): Promise<number> {
    let n = 0;
    for (;;) {
      const [t] = (await client.post<NextTasksResponse>(`${base()}/tasks/next`, { count: 1 })).body.tasks;
      if (!t) return n;
      const label = pick(t.item.externalId!);
      if (label === 'skip') {
        expect((await client.post(`${base()}/tasks/${t.item.id}/skip`)).status).toBeLessThan(300);
        continue;
      }
      const s = await client.post(`${base()}/annotations`, { itemId: t.item.id, labels: [label], idempotencyKey: randomUUID() });
      expect(s.status).toBe(201);
      n++;
    }
  }

  // 60 items with gold (ham 0-39, spam 40-59), 6 labeled by two annotators (agreeing on u0-u4, not on u5), 4 unlabeled.
  const goldOf = (i: number) => (i < 40 ? 0 : 1);

  beforeAll(async () => {
    ({ stack, owner, db } = await openSession({
      workers: 1,
      env: { AGREEMENT_DEBOUNCE_MS: '50', AGREEMENT_MAX_WAIT_MS: '200', SNAPSHOT_SWEEP_MS: '300', SNAPSHOT_STALL_MS: '500', QUEUE_LOCK_MS: '2000', WEBHOOK_BACKOFF_MS: '50' },
    }));
    hookServer = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const ts = String(req.headers['x-arbiter-timestamp'] ?? '');
        const want = `sha256=${createHmac('sha256', SECRET).update(`${ts}.${body}`).digest('hex')}`;
        received.push({ event: String(req.headers['x-arbiter-event']), body, signatureValid: want === req.headers['x-arbiter-signature'] });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((res) => hookServer.listen(0, '127.0.0.1', res));

    const p = await newProject(owner, { overlap: 2 });
    projectId = p.id;
    const rows = [
      ...Array.from({ length: 60 }, (_, i) => ({ id: `g${i}`, text: `gold item ${i} "quoted" \\ back\nslash ✓ ${i % 7}`, gold: goldOf(i), author: `a${i % 9}` })),
      ...Array.from({ length: 6 }, (_, i) => ({ id: `u${i}`, text: `unlabeled item ${i}`, author: 'a0' })),
      ...Array.from({ length: 4 }, (_, i) => ({ id: `x${i}`, text: `never labeled ${i}`, author: 'a1' })),
    ];
    expect((await importJsonl(owner, projectId, rows, 'format=jsonl&externalIdField=id&goldField=gold&metadataFields=author')).body).toMatchObject({ inserted: 70 });
    // Only the six u items go to annotators: the rest are done (gold) or, for x, deleted from the queue by labeling order.
    annotators = [];
    for (const name of ['Ann', 'Bob']) {
      const a = await newUser(owner, name);
      await addMember(owner, projectId, a, 'annotator');
      annotators.push(a);
    }
    reviewer = await newUser(owner, 'Rev');
    await addMember(owner, projectId, reviewer, 'reviewer');
    const hook = await owner.request('PUT', `${base()}/routing/webhook`, { url: `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook`, secret: SECRET });
    expect(hook.status).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await new Promise((res) => hookServer?.close(res));
    await closeSession({ stack, db });
  }, 60_000);

  it('builds v1 with stratified splits, every row in three formats under the manifest hash, and a datasheet', async () => {
    // The 60 imported gold labels get their split soon after, before any snapshot asks: 48/6/6 of 80/10/10.
    const early = await until('the gold items given their split', async () => {
      const s = (await owner.get<SplitSettings>(`${base()}/split-settings`)).body;
      return s.assigned.train + s.assigned.valid + s.assigned.test === 60 && s;
    }, stack.logs);
    expect(early.assigned).toEqual({ train: 48, valid: 6, test: 6 });
    expect((await owner.get<{ snapshots: unknown[] }>(`${base()}/snapshots`)).body.snapshots).toEqual([]);
    // Annotators label what the queue serves: u0-u4 ham/spam alike, u5 split between them. The x items are labeled
    // by one annotator and skipped by the other, so with overlap 2 they are never complete: no final label.
    const uLabel = (ext: string) => Number(ext.slice(1)) % 2;
    for (const [k, a] of annotators.entries()) {
      // The gold items are served too; Ann says spam to g3, whose gold is ham.
      await labelAll(a, (ext) =>
        ext.startsWith('u') ? (ext === 'u5' ? k : uLabel(ext)) : ext.startsWith('x') && k === 1 ? 'skip' : ext === 'g3' && k === 0 ? 1 : goldOf(Number(ext.slice(1))),
      );
    }
    // The agreement worker's last pass: every u item complete with a consensus, u5 and g3 waiting for a reviewer.
    await until('the final consensus and review queue', async () => {
      const r = await db.query(
        `SELECT (SELECT count(*) FROM item_consensus c JOIN items i ON i.id = c.item_id WHERE i.project_id = $1 AND i.external_id LIKE 'u%' AND i.status = 'completed')::int AS u,
                (SELECT array_agg(i.external_id ORDER BY i.external_id) FROM review_queue q JOIN items i ON i.id = q.item_id WHERE q.project_id = $1 AND q.status = 'open') AS queued`,
        [projectId],
      );
      return r.rows[0].u === 6 && JSON.stringify(r.rows[0].queued) === JSON.stringify(['g3', 'u5']);
    }, stack.logs);

    const v1 = await snapshot();
    expect(v1).toMatchObject({ version: 1, status: 'complete', trigger: 'manual' });
    const manifest = (await owner.get<SnapshotManifest>(`${base()}/snapshots/1/manifest`)).body;
    // 60 gold + u0..u4 by consensus; u5 waits for a reviewer (open disagreement), x items have no final label.
    expect(manifest.rowCount).toBe(65);
    expect(manifest.labels).toEqual(['ham', 'spam']);

    const all = await raw(`${base()}/snapshots/1/rows?split=all&format=jsonl`);
    expect(all.status).toBe(200);
    expect(sha256(all.body)).toBe(manifest.contentHash);
    expect(all.headers.get('etag')).toBe(`"${manifest.contentHash}.jsonl"`);
    const rows = jsonl(all.body);
    expect(rows).toHaveLength(65);
    expect(Object.keys(rows[0])).toEqual(manifest.columns);
    const byExt = new Map(rows.map((r) => [r.externalId!, r]));
    // Gold wins over the annotators; one of the two agreed with it.
    expect(byExt.get('g3')).toMatchObject({ label: 'ham', labels: ['ham'], source: 'gold', confidence: 1, annotators: 2, agreement: 0.5, text: 'gold item 3 "quoted" \\ back\nslash ✓ 3' });
    expect(byExt.get('g45')).toMatchObject({ label: 'spam', source: 'gold', metadata: { author: 'a0' } });
    expect(byExt.get('u3')).toMatchObject({ label: 'spam', source: 'consensus', annotators: 2, agreement: 1 });
    expect(byExt.has('u5')).toBe(false);
    expect(byExt.has('x0')).toBe(false);

    // Stratified: the 66 items given a split as they got their first label (the workers' sweep, every 300 ms here;
    // u5 too: it has a consensus, a first label, though it waits for a reviewer) are, per class, within ±1 item of
    // each split's ratio share however they were batched.
    const assigned = (await db.query(`SELECT first_label AS label, split, count(*)::int AS n FROM item_splits WHERE project_id = $1 GROUP BY 1, 2`, [projectId])).rows as { label: number; split: string; n: number }[];
    expect(assigned.reduce((a, r) => a + r.n, 0)).toBe(66);
    for (const label of [0, 1]) {
      const n = assigned.filter((r) => r.label === label).reduce((a, r) => a + r.n, 0);
      for (const [split, ratio] of [['train', 0.8], ['valid', 0.1], ['test', 0.1]] as const) {
        const got = assigned.find((r) => r.label === label && r.split === split)?.n ?? 0;
        expect([label, split, Math.abs(got - ratio * n) <= 1]).toEqual([label, split, true]);
      }
    }
    // The rows carry those splits.
    const splitOf = new Map((await db.query(`SELECT item_id::text AS id, split FROM item_splits WHERE project_id = $1`, [projectId])).rows.map((r) => [r.id, r.split]));
    expect(rows.filter((r) => splitOf.get(r.itemId) !== r.split)).toEqual([]);
    // Each split's bytes hash to the manifest's figure; the three concatenated hold every row once.
    let seen = 0;
    for (const split of ['train', 'valid', 'test'] as const) {
      const part = await raw(`${base()}/snapshots/1/rows?split=${split}&format=jsonl`);
      expect(sha256(part.body)).toBe(manifest.splits[split].contentHash);
      const got = jsonl(part.body);
      expect(got.every((r) => r.split === split)).toBe(true);
      expect(got).toHaveLength(manifest.splits[split].rows);
      seen += got.length;
    }
    expect(seen).toBe(65);

    // Resuming: the rows after the tenth are the rest of the same bytes; the ETag answers 304.
    const rest = await raw(`${base()}/snapshots/1/rows?format=jsonl&cursor=10`);
    expect(rest.body.equals(Buffer.from(all.body.toString('utf8').split('\n').slice(10).join('\n'), 'utf8'))).toBe(true);
    const again = await raw(`${base()}/snapshots/1/rows?format=jsonl`, { 'if-none-match': `"${manifest.contentHash}.jsonl"` });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);

    // CSV: the same rows, one record each.
    const csv = await raw(`${base()}/snapshots/1/rows?format=csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const records = parseCsv(csv.body, { columns: true }) as Record<string, string>[];
    expect(records.map((r) => [r.itemId, r.label, r.source, r.split])).toEqual(rows.map((r) => [r.itemId, r.label, r.source, r.split]));
    expect(records.find((r) => r.itemId === byExt.get('g3')!.itemId)!.text).toBe(byExt.get('g3')!.text);

    const sheet = (await owner.get<Datasheet>(`${base()}/snapshots/1/datasheet`)).body;
    expect(sheet.rowCount).toBe(65);
    expect(sheet.sources).toEqual({ consensus: 5, gold: 60 });
    expect(sheet.exclusions).toMatchObject({ unlabeled: 4, openDisagreement: 1 });
    const hamRows = rows.filter((r) => r.label === 'ham').length;
    expect(sheet.counts.train.ham + (sheet.counts.valid.ham ?? 0) + (sheet.counts.test.ham ?? 0)).toBe(hamRows);
    expect(sheet.labelDistribution.ham).toBeCloseTo(hamRows / 65, 12);
    expect(sheet.agreement.rows).toBe(65);
    expect(sheet.agreement.mean).toBeCloseTo(64.5 / 65, 12);

    const settings = (await owner.get<SplitSettings>(`${base()}/split-settings`)).body;
    expect(settings.ratios).toEqual({ train: 0.8, valid: 0.1, test: 0.1 });
    // u5 has a consensus (a first label), so it has its split too, though it is not in v1.
    expect(settings.assigned.train + settings.assigned.valid + settings.assigned.test).toBe(66);
  }, 300_000);

  it('v2 after a review decision and new items: the diff, splits that never moved, and v1 byte-identical', async () => {
    const v1Bytes = (await raw(`${base()}/snapshots/1/rows?format=jsonl`)).body;
    const v1Rows = jsonl(v1Bytes);
    const u5 = (await db.query(`SELECT id::text FROM items WHERE project_id = $1 AND external_id = 'u5'`, [projectId])).rows[0].id as string;
    const queue = await reviewer.get<ReviewPage>(`${base()}/review`);
    expect(queue.body.items.map((i) => i.itemId)).toContain(u5);
    expect((await reviewer.post(`${base()}/review/${u5}/decision`, { labels: [1] })).status).toBe(204);
    // A gold item relabeled: revise needs a review decision, so relabel u3 (consensus spam) by deciding it too? u3 is
    // not in the queue; instead the new items and u5 show additions, and v1 → v2 of g-items stays put.
    expect((await importJsonl(owner, projectId, Array.from({ length: 5 }, (_, i) => ({ id: `n${i}`, text: `new item ${i}`, gold: i % 2 })), 'format=jsonl&externalIdField=id&goldField=gold')).body).toMatchObject({ inserted: 5 });

    const v2 = await snapshot();
    expect(v2.version).toBe(2);
    const v2Rows = jsonl((await raw(`${base()}/snapshots/2/rows?format=jsonl`)).body);
    expect(v2Rows).toHaveLength(71);
    const v2ById = new Map(v2Rows.map((r) => [r.itemId, r]));
    // No item moved between splits.
    expect(v1Rows.filter((r) => v2ById.get(r.itemId)?.split !== r.split)).toEqual([]);
    expect(v2ById.get(u5)).toMatchObject({ label: 'spam', source: 'review', annotators: 2, agreement: 0.5 });

    const diff = (await owner.get<SnapshotDiff>(`${base()}/snapshots/diff?from=1&to=2`)).body;
    const newIds = v2Rows.filter((r) => r.externalId!.startsWith('n')).map((r) => r.itemId);
    expect(diff.added.sort()).toEqual([...newIds, u5].sort());
    expect(diff.removed).toEqual([]);
    const back = (await owner.get<SnapshotDiff>(`${base()}/snapshots/diff?from=2&to=1`)).body;
    expect(back.removed.sort()).toEqual([...newIds, u5].sort());

    // v1 never changes.
    expect((await raw(`${base()}/snapshots/1/rows?format=jsonl`)).body.equals(v1Bytes)).toBe(true);
    expect((await owner.get<SnapshotView>(`${base()}/snapshots/latest`)).body.version).toBe(2);
    // The webhook told the receiver about both, signed.
    const events = await until('two snapshot webhooks', async () => {
      const got = received.filter((r) => r.event === 'snapshot');
      return got.length >= 2 && got;
    }, stack.logs);
    expect(events.every((e) => e.signatureValid)).toBe(true);
    expect(events.map((e) => JSON.parse(e.body).version).sort()).toEqual([1, 2]);
    expect(JSON.parse(events.find((e) => JSON.parse(e.body).version === 2)!.body).contentHash).toBe(v2.contentHash);
  }, 300_000);

  /** `npm run --silent arbiter -- …` as a script runs it (the e2e tier runs after the build). */
  function arbiter(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
    return new Promise((res) => {
      const child = spawn('npm', ['run', '--silent', 'arbiter', '--', ...args], {
        cwd: resolve(__dirname, '..'),
        env: { ...process.env, ARBITER_SKIP_BUILD: '1', ...env },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status) => res({ status, stdout, stderr }));
    });
  }

  it('pulls v1 and v2 through the SDK and the arbiter CLI, and the server Parquet reads back row for row', async () => {
    const key = (await owner.post<CreatedApiKey>(`${base()}/api-keys`, { name: 'retraining job', role: 'engineer' })).body.key;
    const client = new ArbiterClient({ url: stack.baseUrl, token: key });
    expect((await client.snapshots.latest(projectId)).version).toBe(2);
    const v1Bytes = (await raw(`${base()}/snapshots/1/rows?format=jsonl`)).body;
    const v1Train = jsonl((await raw(`${base()}/snapshots/1/rows?split=train&format=jsonl`)).body);
    const pulled: SnapshotRow[] = [];
    for await (const row of client.snapshots.pull({ projectId, version: 1, split: 'train', format: 'jsonl' })) pulled.push(row);
    expect(pulled).toEqual(v1Train);

    // The server's Parquet, read by an independent reader, holds every row of the JSONL.
    const v2Rows = jsonl((await raw(`${base()}/snapshots/2/rows?format=jsonl`)).body);
    const parquet = (await raw(`${base()}/snapshots/2/rows?format=parquet`)).body;
    const fromParquet = await parquetReadObjects({ file: new Uint8Array(parquet).buffer });
    expect(fromParquet.map((r) => ({ ...r, metadata: JSON.parse(r.metadata as string) }))).toEqual(v2Rows);
    // That file was written once after the build, for every split and for all rows; a cursor converts the rest as
    // it streams. The ETag is weak: the two hold the same rows, not always the same bytes.
    const stored = await db.query(
      `SELECT d.split FROM snapshot_files_done d JOIN snapshots s ON s.id = d.snapshot_id WHERE s.project_id = $1 AND s.version = 2 ORDER BY 1`,
      [projectId],
    );
    expect(stored.rows.map((r) => r.split)).toEqual(['all', 'test', 'train', 'valid']);
    const v2Hash = (await owner.get<SnapshotView>(`${base()}/snapshots/2`)).body.contentHash;
    expect((await raw(`${base()}/snapshots/2/rows?format=parquet`)).headers.get('etag')).toBe(`W/"${v2Hash}.parquet"`);
    const tail = await parquetReadObjects({ file: new Uint8Array((await raw(`${base()}/snapshots/2/rows?format=parquet&cursor=5`)).body).buffer });
    expect(tail.map((r) => r.itemId)).toEqual(v2Rows.slice(5).map((r) => r.itemId));
    const testFile = await parquetReadObjects({ file: new Uint8Array((await raw(`${base()}/snapshots/2/rows?split=test&format=parquet`)).body).buffer });
    expect(testFile.map((r) => r.itemId)).toEqual(v2Rows.filter((r) => r.split === 'test').map((r) => r.itemId));

    const dir = mkdtempSync(join(tmpdir(), 'arbiter-cli-'));
    try {
      const env = { ARBITER_URL: stack.baseUrl, ARBITER_TOKEN: key, XDG_CONFIG_HOME: dir };
      const pull = await arbiter(['snapshot', 'pull', '--project', projectId, '--version', '1', '--split', 'all', '--format', 'jsonl', '-o', join(dir, 'v1.jsonl')], env);
      expect([pull.status, pull.stdout]).toEqual([0, '']);
      expect(readFileSync(join(dir, 'v1.jsonl')).equals(v1Bytes)).toBe(true);
      const pq = await arbiter(['snapshot', 'pull', '--project', projectId, '--version', 'latest', '--split', 'train', '--format', 'parquet', '-o', join(dir, 'train.parquet')], env);
      expect([pq.status, pq.stdout]).toEqual([0, '']);
      const trainRows = await parquetReadObjects({ file: new Uint8Array(readFileSync(join(dir, 'train.parquet'))).buffer });
      expect(trainRows.map((r) => [r.itemId, r.text, r.label, r.source, r.split])).toEqual(v2Rows.filter((r) => r.split === 'train').map((r) => [r.itemId, r.text, r.label, r.source, r.split]));
      const diff = await arbiter(['snapshot', 'diff', '--project', projectId, '--from', '1', '--to', '2', '--json'], env);
      expect(diff.status).toBe(0);
      const api = (await owner.get<SnapshotDiff>(`${base()}/snapshots/diff?from=1&to=2`)).body;
      expect(JSON.parse(diff.stdout)).toEqual({ added: api.added, removed: api.removed, relabeled: api.relabeled.map((r) => ({ itemId: r.itemId, from: r.from, to: r.to })) });
      const missing = await arbiter(['snapshot', 'pull', '--project', projectId, '--version', '99', '--split', 'all', '--format', 'csv', '-o', join(dir, 'x.csv')], env);
      expect(missing.status).not.toBe(0);
      expect(missing.stdout).toBe('');
      expect(missing.stderr).toContain('v99');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('a relabel shows in the diff with both labels and sources; waitForNew and the CLI see the new version', async () => {
    const key = (await owner.post<CreatedApiKey>(`${base()}/api-keys`, { name: 'waiter', role: 'engineer' })).body.key;
    const client = new ArbiterClient({ url: stack.baseUrl, token: key });
    const waiting = client.snapshots.waitForNew(projectId, { after: 2, timeoutMs: 120_000, intervalMs: 200 });
    const u5 = (await db.query(`SELECT id::text FROM items WHERE project_id = $1 AND external_id = 'u5'`, [projectId])).rows[0].id as string;
    expect((await reviewer.request('PUT', `${base()}/review/${u5}/decision`, { labels: [0] })).status).toBe(204);
    const created = await arbiter(['snapshot', 'create', '--project', projectId, '--wait'], { ARBITER_URL: stack.baseUrl, ARBITER_TOKEN: key });
    expect(created.status).toBe(0);
    const lines = created.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const printed = JSON.parse(lines[0]) as { version: number; contentHash: string };
    expect(printed.version).toBe(3);
    expect((await waiting).version).toBe(3);
    const v3 = (await owner.get<SnapshotView>(`${base()}/snapshots/3`)).body;
    expect(printed.contentHash).toBe(v3.contentHash);
    const diff = (await owner.get<SnapshotDiff>(`${base()}/snapshots/diff?from=2&to=${v3.version}`)).body;
    expect(diff).toMatchObject({ added: [], removed: [], relabeled: [{ itemId: u5, from: 'spam', to: 'ham', fromSource: 'review', toSource: 'review' }] });
    // Without versions: the latest against the one before.
    expect((await owner.get<SnapshotDiff>(`${base()}/snapshots/diff`)).body).toEqual(diff);
  }, 300_000);

  /** Holds snapshot_rows so a build waits in its transaction (after assigning splits) until released. */
  async function holdRows(): Promise<{ release: () => Promise<void> }> {
    const { Client: PgClient } = await import('pg');
    const lock = new PgClient({ connectionString: stack.databaseUrl });
    await lock.connect();
    await lock.query('BEGIN');
    await lock.query('LOCK TABLE snapshot_rows IN SHARE MODE');
    return {
      release: async () => {
        await lock.query('COMMIT');
        await lock.end();
      },
    };
  }

  const buildWaiting = () =>
    until('a build waiting inside its transaction', async () => {
      const r = await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%snapshot_rows%' AND pid <> pg_backend_pid()`);
      return r.rows[0].n > 0;
    }, stack.logs);

  it('labels committed while a build runs are not in it, and are in the next', async () => {
    const before = (await owner.get<SnapshotView>(`${base()}/snapshots/latest`)).body;
    const held = await holdRows();
    let version = 0;
    try {
      const r = await owner.post<SnapshotView>(`${base()}/snapshots`, {});
      version = r.body.version;
      await buildWaiting();
      // The build's transaction began before these commits.
      expect((await importJsonl(owner, projectId, [{ id: 'late0', text: 'late item', gold: 1 }], 'format=jsonl&externalIdField=id&goldField=gold')).body).toMatchObject({ inserted: 1 });
    } finally {
      await held.release();
    }
    const done = await until('the held build', async () => {
      const v = (await owner.get<SnapshotView>(`${base()}/snapshots/${version}`)).body;
      return v.status === 'complete' && v;
    }, stack.logs);
    // Same rows as the snapshot before it: nothing committed during the build, byte for byte.
    expect(done.contentHash).toBe(before.contentHash);
    const next = await snapshot();
    const rows = jsonl((await raw(`${base()}/snapshots/${next.version}/rows?format=jsonl`)).body);
    expect(rows.some((x) => x.externalId === 'late0')).toBe(true);
  }, 300_000);

  it('a worker killed mid-build leaves no complete snapshot and nothing written; the build completes once a worker is back', async () => {
    expect((await importJsonl(owner, projectId, [{ id: 'kill0', text: 'arrives before the crash', gold: 0 }], 'format=jsonl&externalIdField=id&goldField=gold')).body).toMatchObject({ inserted: 1 });
    const held = await holdRows();
    let version = 0;
    try {
      version = (await owner.post<SnapshotView>(`${base()}/snapshots`, {})).body.version;
      await buildWaiting();
      for (const w of stack.workers) w.kill('SIGKILL');
      await until('the worker gone', async () => stack.workers.every((w) => w.exitCode !== null || w.signalCode !== null), stack.logs);
    } finally {
      await held.release();
    }
    // The dead build's backend ends once it can tell its client is gone; its transaction is rolled back.
    await until('the dead build rolled back', async () => {
      const r = await db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE '%snapshot_rows%' AND state <> 'idle' AND pid <> pg_backend_pid()`);
      return r.rows[0].n === 0;
    }, stack.logs);
    const mid = (await owner.get<SnapshotView>(`${base()}/snapshots/${version}`)).body;
    expect(mid).toMatchObject({ status: 'building', contentHash: null });
    // Nothing of the dead build's transaction stayed: no row, and not even its count of attempts.
    const written = await db.query(
      `SELECT (SELECT count(*) FROM snapshot_rows r WHERE r.snapshot_id = s.id)::int AS rows, s.attempts
         FROM snapshots s WHERE s.project_id = $1 AND s.version = $2 AND s.trigger <> 'training'`,
      [projectId, version],
    );
    expect(written.rows[0]).toEqual({ rows: 0, attempts: 0 });
    expect((await raw(`${base()}/snapshots/${version}/rows?format=jsonl`)).status).toBe(409);

    stack.startWorker();
    const done = await until('the build completed by a new worker', async () => {
      const v = (await owner.get<SnapshotView>(`${base()}/snapshots/${version}`)).body;
      return v.status === 'complete' && v;
    }, stack.logs, 120_000);
    const rows = jsonl((await raw(`${base()}/snapshots/${version}/rows?format=jsonl`)).body);
    expect(sha256((await raw(`${base()}/snapshots/${version}/rows?format=jsonl`)).body)).toBe(done.contentHash);
    expect(rows.some((x) => x.externalId === 'kill0')).toBe(true);
  }, 300_000);

  it('makes a snapshot by itself once the policy\'s count of new gold labels arrives', async () => {
    const before = (await owner.get<SnapshotView>(`${base()}/snapshots/latest`)).body.version;
    const put = await owner.request('PUT', `${base()}/snapshot-settings`, { afterNewGold: 3 });
    expect(put.body).toEqual({ everyHours: null, afterNewGold: 3, minAgreement: null, policy: null });
    expect((await importJsonl(owner, projectId, [0, 1, 2].map((i) => ({ id: `auto${i}`, text: `auto ${i}`, gold: 1 })), 'format=jsonl&externalIdField=id&goldField=gold')).body).toMatchObject({ inserted: 3 });
    const made = await until('a snapshot made by the policy', async () => {
      const list = (await owner.get<{ snapshots: SnapshotView[] }>(`${base()}/snapshots`)).body.snapshots;
      const v = list.find((x) => x.version === before + 1);
      return v?.status === 'complete' && v;
    }, stack.logs);
    expect(made.trigger).toBe('policy');
    const rows = jsonl((await raw(`${base()}/snapshots/${made.version}/rows?format=jsonl`)).body);
    expect(rows.filter((r) => r.externalId!.startsWith('auto'))).toHaveLength(3);
    expect((await owner.request('PUT', `${base()}/snapshot-settings`, {})).body).toEqual({ everyHours: null, afterNewGold: null, minAgreement: null, policy: null });
  }, 120_000);

  it('traces a production decision to the snapshot its model version was trained on', async () => {
    const v2 = (await owner.get<SnapshotView>(`${base()}/snapshots/2`)).body;
    const model = { name: 'spam-filter', version: '2026.12.1' };
    const put = await owner.request<{ snapshot: { version: number; contentHash: string } }>('PUT', `${base()}/routing/model-lineage`, { model, snapshotVersion: 2 });
    expect(put.status).toBe(200);
    expect(put.body.snapshot).toMatchObject({ version: 2, contentHash: v2.contentHash });
    const missing = await owner.request<{ errors: { path: string }[] }>('PUT', `${base()}/routing/model-lineage`, { model, snapshotVersion: 99 });
    expect([missing.status, missing.body.errors[0].path]).toEqual([400, 'snapshotVersion']);
    // Even odds are routed to review by the default policy; the review names the snapshot behind its model.
    const decided = await owner.post<{ reviewId: string }>(`${base()}/predictions`, { predictionId: 'lineage-1', item: { text: 'win a prize' }, model, probs: [0.5, 0.5] });
    expect(decided.status).toBe(200);
    const reviews = (await reviewer.get<{ reviews: { reviewId: string; trainedOnSnapshot: number | null }[] }>(`${base()}/production-reviews?status=open`)).body.reviews;
    expect(reviews.find((r) => r.reviewId === decided.body.reviewId)?.trainedOnSnapshot).toBe(2);
    const read = await reviewer.get<{ snapshot: { version: number } }>(`${base()}/routing/model-lineage?modelName=${model.name}&modelVersion=${model.version}`);
    expect(read.body.snapshot.version).toBe(2);
    const none = await reviewer.get(`${base()}/routing/model-lineage?modelName=${model.name}&modelVersion=never-recorded`);
    expect(none.body).toEqual({ model: { name: model.name, version: 'never-recorded' }, snapshot: null, recordedAt: null });
  }, 120_000);

  it('answers bad versions, an unknown policy field and a diff of a missing version with a 4xx naming it', async () => {
    expect((await owner.get(`${base()}/snapshots/abc`)).status).toBe(400);
    expect((await owner.get(`${base()}/snapshots/999`)).status).toBe(404);
    const bad = await owner.post<{ errors: { path: string }[] }>(`${base()}/snapshots`, { policy: { sources: ['gold'], bogus: 1 } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('bogus');
    const wrongSource = await owner.post<{ errors: { path: string }[] }>(`${base()}/snapshots`, { policy: { sources: ['gut'] } });
    expect([wrongSource.status, wrongSource.body.errors[0].path]).toEqual([400, 'policy.sources.0']);
    expect((await owner.get(`${base()}/snapshots/diff?from=1&to=999`)).status).toBe(404);
    // An annotator may not read snapshots.
    expect((await annotators[0].get(`${base()}/snapshots`)).status).toBe(403);
    // The group key cannot change once items have splits.
    const fixed = await owner.request('PUT', `${base()}/split-settings`, { groupKey: 'author' });
    expect(fixed.status).toBe(409);
  }, 120_000);
});
