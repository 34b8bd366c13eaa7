// `npm start` with nothing but Node: the embedded PGlite database and BullMQ on its PostgreSQL backend.
// Runs the real start script (without rebuilding), labels an item, runs a worker job, stops it gracefully,
// starts it again on the same data folder and finds everything still there.
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import type { LfListResponse, NextTasksResponse, ProjectStats, SnapshotView } from '@arbiter/contracts';
import { childProcessEnv } from '@arbiter/server/config';
import { ApiClient, freePort, importJsonl, newProject, waitForJob } from '@arbiter/testing';

const ROOT = resolve(__dirname, '..');

interface Started {
  proc: ChildProcess;
  url: string;
  output: () => string;
  credentials: { email: string; password: string };
}

async function start(dataDir: string, port: number): Promise<Started> {
  const proc = spawn(process.execPath, ['scripts/start.mjs', '--no-build'], {
    cwd: ROOT,
    env: { ...childProcessEnv(), ARBITER_EMBEDDED: 'true', DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  await new Promise<void>((res, rej) => {
    const timer = setTimeout(() => {
      proc.kill('SIGTERM');
      rej(new Error(`start timed out:\n${out}`));
    }, 90_000);
    proc.on('exit', (code) => rej(new Error(`start exited ${code}:\n${out}`)));
    const check = setInterval(() => {
      if (out.includes('Arbiter is running')) {
        clearInterval(check);
        clearTimeout(timer);
        res();
      }
    }, 100);
  });
  const m = /sign in\s+(\S+) \/ (\S+)/.exec(out);
  if (!m) {
    proc.kill('SIGTERM');
    throw new Error(`no credentials printed:\n${out}`);
  }
  return { proc, url: `http://127.0.0.1:${port}`, output: () => out, credentials: { email: m[1], password: m[2] } };
}

function stop(s: Started): Promise<number | null> {
  return new Promise((res) => {
    s.proc.removeAllListeners('exit');
    s.proc.once('exit', (code) => res(code));
    s.proc.kill('SIGTERM');
  });
}

describe('npm start on the embedded default', () => {
  const dataDir = mkdtempSync(resolve(tmpdir(), 'arbiter-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }), 30_000);

  it('serves, labels, runs jobs, stops gracefully and keeps its data', async () => {
    const port = await freePort();
    const first = await start(dataDir, port);
    let projectId: string;
    try {
      expect(first.output()).toContain('Using the embedded PGlite database');
      expect(first.output()).toContain("queues run on BullMQ's PostgreSQL backend");
      const health = await (await fetch(`${first.url}/health`)).json();
      expect(health).toMatchObject({ status: 'ok', queueBackend: 'postgres', embeddedDatabase: true });

      const owner = await new ApiClient(first.url).login(first.credentials.email, first.credentials.password);
      const p = await newProject(owner);
      projectId = p.id;
      expect((await importJsonl(owner, p.id, [{ text: 'one' }, { text: 'two' }])).body).toMatchObject({ inserted: 2 });
      const [task] = (await owner.post<NextTasksResponse>(`/api/projects/${p.id}/tasks/next`, { count: 1 })).body.tasks;
      const sub = await owner.post(`/api/projects/${p.id}/annotations`, { itemId: task.item.id, labels: [1], idempotencyKey: randomUUID() });
      expect(sub.status).toBe(201);

      // A worker job over BullMQ's PostgreSQL backend.
      const job = await owner.post<{ jobId: string }>(`/api/projects/${p.id}/recount`);
      expect(await waitForJob(owner, p.id, job.body.jobId)).toBe('completed');

      // A labeling function applied by a flow, with votes and weak labels written without COPY (PGlite has none).
      const lf = await owner.post(`/api/projects/${p.id}/lfs`, { name: 'says one', definition: { kind: 'keyword', keywords: ['one'], label: 0 } });
      expect({ status: lf.status, body: lf.status === 201 ? null : lf.body, log: lf.status === 201 ? null : first.output().slice(-3000) }).toEqual({ status: 201, body: null, log: null });
      let lfs: LfListResponse | undefined;
      for (let i = 0; i < 300 && !lfs?.labelModel; i++) {
        lfs = (await owner.get<LfListResponse>(`/api/projects/${p.id}/lfs`)).body;
        if (!lfs.labelModel) await new Promise((res) => setTimeout(res, 200));
      }
      expect(lfs?.lfs[0].stats).toMatchObject({ coverage: 0.5, labeled: 1 });
      expect(lfs?.labelModel).toMatchObject({ items: 2, covered: 1 });

      // A snapshot built, hashed and served without COPY (keyset pages instead), weak labels let in.
      const created = await owner.post(`/api/projects/${p.id}/snapshots`, { policy: { sources: ['gold', 'consensus', 'review', 'production-verdict', 'weak'], weakMinConfidence: 0 } });
      expect(created.status).toBe(202);
      let view: SnapshotView | undefined;
      for (let i = 0; i < 300 && view?.status !== 'complete' && view?.status !== 'failed'; i++) {
        view = (await owner.get<SnapshotView>(`/api/projects/${p.id}/snapshots/1`)).body;
        if (view.status === 'building') await new Promise((res) => setTimeout(res, 200));
      }
      expect({ status: view?.status, error: view?.error }).toEqual({ status: 'complete', error: null });
      const rows = Buffer.from(await (await fetch(`${first.url}/api/projects/${p.id}/snapshots/1/rows?format=jsonl`, { headers: { cookie: owner.sessionCookie ?? '' } })).arrayBuffer());
      expect(createHash('sha256').update(rows).digest('hex')).toBe(view?.contentHash);
      // "one" has the LF's weak label, or the annotation's consensus once the agreement job has run: a row either way.
      const lines = rows.toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { text: string; source: string });
      expect(lines.length).toBe(view?.rowCount);
      expect(lines.find((l) => l.text === 'one')?.source).toMatch(/^(weak|consensus)$/);
    } finally {
      expect(await stop(first)).toBe(0);
    }

    const second = await start(dataDir, port);
    try {
      // The same admin (printed again from the data folder) and the same labels.
      expect(second.credentials).toEqual(first.credentials);
      const owner = await new ApiClient(second.url).login(second.credentials.email, second.credentials.password);
      const stats = await owner.get<ProjectStats>(`/api/projects/${projectId!}/stats`);
      expect(stats.body).toMatchObject({ items: 2, annotations: 1, byStatus: { new: 1, in_progress: 0, completed: 1 } });
    } finally {
      expect(await stop(second)).toBe(0);
    }
  }, 240_000);
});
