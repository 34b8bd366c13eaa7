// `npm start` keeps the api and the worker up by itself: the real start script (without rebuilding) on the
// machine's PostgreSQL and Redis, with a private database, queue prefix and data folder. A SIGKILLed worker comes
// back and processes a job, one that dies again at once waits longer before its restart; a SIGKILLed api comes
// back and answers; neither kill restarts the other process. Changing the first admin's password takes it out
// of the data folder, and the next start prints the email alone.
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { childProcessEnv } from '@arbiter/server/config';
import { ApiClient, createDatabase, dropDatabase, freePort, newProject, TEST_REDIS_URL, waitForJob } from '@arbiter/testing';

const ROOT = resolve(__dirname, '..');

interface Started {
  proc: ChildProcess;
  output: () => string;
}

interface StartLine {
  process: string;
  pid: number;
  msg: string;
  signal?: string;
  restartInMs?: number;
}

/** The start script's own JSON lines (supervision), in order. */
function supervisorLines(output: string): StartLine[] {
  return output
    .split('\n')
    .filter((l) => l.startsWith('{') && l.includes('"service":"start"'))
    .map((l) => JSON.parse(l) as StartLine);
}

const starts = (output: string, name: string) => supervisorLines(output).filter((l) => l.process === name && l.msg === `${name} started`);
const exits = (output: string, name: string) => supervisorLines(output).filter((l) => l.process === name && l.msg.startsWith(`${name} exited`));

async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, output: () => string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`gave up waiting for ${what}:\n${output().slice(-5000)}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm start supervising the api and the worker', () => {
  const dataDir = mkdtempSync(resolve(tmpdir(), 'arbiter-supervised-'));
  let database: { name: string; url: string };
  let port: number;
  const running: Started[] = [];

  beforeAll(async () => {
    database = await createDatabase('arbiter_sup');
    port = await freePort();
  }, 30_000);
  afterAll(async () => {
    for (const s of running) if (s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill('SIGTERM');
    await Promise.all(running.map((s) => (s.proc.exitCode !== null || s.proc.signalCode !== null ? null : new Promise((r) => s.proc.once('exit', r)))));
    await dropDatabase(database.name);
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const env = () => ({
    ...childProcessEnv(),
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `sup_${randomBytes(4).toString('hex')}`,
    DATA_DIR: dataDir,
    PORT: String(port),
    LOG_LEVEL: 'info',
  });

  async function start(): Promise<Started> {
    const proc = spawn(process.execPath, ['scripts/start.mjs', '--no-build'], { cwd: ROOT, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout!.on('data', (d) => (out += d));
    proc.stderr!.on('data', (d) => (out += d));
    const started = { proc, output: () => out };
    running.push(started);
    await until('"Arbiter is running"', () => {
      if (proc.exitCode !== null) throw new Error(`start exited ${proc.exitCode}:\n${out}`);
      return out.includes('Arbiter is running');
    }, started.output);
    return started;
  }

  function stop(s: Started): Promise<number | null> {
    return new Promise((res) => {
      s.proc.once('exit', (code) => res(code));
      s.proc.kill('SIGTERM');
    });
  }

  it('restarts a killed worker or api without touching the other, then stops everything', async () => {
    const s = await start();
    const m = /sign in\s+(\S+) \/ (\S+)/.exec(s.output());
    expect(m).not.toBeNull();
    const [, email, password] = m!;
    const url = `http://127.0.0.1:${port}`;
    const owner = await new ApiClient(url).login(email, password);
    const p = await newProject(owner);
    const [api1] = starts(s.output(), 'api');
    const [worker1] = starts(s.output(), 'worker');

    // The worker is killed: it comes back. Killed again as soon as it is back, it waits longer before the next start.
    process.kill(worker1.pid, 'SIGKILL');
    const worker2 = await until('the worker to be restarted', () => starts(s.output(), 'worker')[1], s.output);
    process.kill(worker2.pid, 'SIGKILL');
    const worker3 = await until('the worker to be restarted again', () => starts(s.output(), 'worker')[2], s.output);
    const [first, second] = exits(s.output(), 'worker');
    expect(first).toMatchObject({ pid: worker1.pid, signal: 'SIGKILL' });
    expect(second).toMatchObject({ pid: worker2.pid, signal: 'SIGKILL' });
    expect(second.restartInMs).toBeGreaterThan(first.restartInMs!);
    // The restarted worker processes jobs.
    const job = await owner.post<{ jobId: string }>(`/api/projects/${p.id}/recount`);
    expect(job.status).toBe(202);
    expect(await waitForJob(owner, p.id, job.body.jobId)).toBe('completed');

    // The api is killed: it comes back and answers, the same session still signed in.
    process.kill(api1.pid, 'SIGKILL');
    const api2 = await until('the api to be restarted', () => starts(s.output(), 'api')[1], s.output);
    expect(api2.pid).not.toBe(api1.pid);
    await until('the api to answer again', async () => (await owner.get(`/api/projects/${p.id}`).catch(() => ({ status: 0 }))).status === 200, s.output);

    // Neither restart touched the other process.
    expect(starts(s.output(), 'api').map((l) => l.pid)).toEqual([api1.pid, api2.pid]);
    expect(starts(s.output(), 'worker').map((l) => l.pid)).toEqual([worker1.pid, worker2.pid, worker3.pid]);
    expect(alive(worker3.pid)).toBe(true);

    // Changing the first admin's password removes it from the data folder at once.
    const credentials = resolve(dataDir, 'admin-credentials.json');
    expect(JSON.parse(readFileSync(credentials, 'utf8'))).toEqual({ email, password });
    const change = await owner.post('/api/auth/password', { currentPassword: password, newPassword: 'a-new-long-password' });
    expect(change.status).toBe(204);
    expect(JSON.parse(readFileSync(credentials, 'utf8'))).toEqual({ email });

    // SIGTERM stops the supervisor and both processes, and nothing is restarted meanwhile.
    expect(await stop(s)).toBe(0);
    expect([alive(api2.pid), alive(worker3.pid)]).toEqual([false, false]);
    expect(starts(s.output(), 'worker')).toHaveLength(3);

    // The next start prints the email alone.
    const again = await start();
    expect(again.output()).toContain(`sign in   ${email}   (first admin; its password has been changed)`);
    expect(again.output()).not.toContain(password);
    expect(existsSync(credentials)).toBe(true);
    expect(await stop(again)).toBe(0);
  }, 300_000);
});
