// The `arbiter` CLI run in-process against a local fake of the api: what lands on stdout, stderr, the exit code and
// the files written (Parquet read back with hyparquet, CSV with csv-parse).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { parquetReadObjects } from 'hyparquet';
import { SNAPSHOT_ROW_COLUMNS } from '@arbiter/contracts';
import { FAKE_PASSWORD, FAKE_PROJECT, FAKE_TOKEN, FakeArbiterServer, fakeRows, jsonlOf } from '@arbiter/sdk/testing';
import { runCli } from './cli-program';

const T = 60_000;

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString('utf8')));
  return { stream, text: () => text };
}

describe('arbiter CLI', () => {
  let server: FakeArbiterServer;
  let dir: string;
  const rows = fakeRows(120);

  async function arbiter(args: string[], env: Record<string, string | undefined> = { ARBITER_URL: server.url, ARBITER_TOKEN: FAKE_TOKEN }, input = '') {
    const stdout = capture();
    const stderr = capture();
    const stdin = new PassThrough();
    stdin.end(input);
    const code = await runCli(args, { stdout: stdout.stream, stderr: stderr.stream, stdin, env: { XDG_CONFIG_HOME: join(dir, 'config'), ...env } });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'arbiter-cli-'));
    server = await FakeArbiterServer.start();
    server.addSnapshot(fakeRows(10));
    server.addSnapshot(rows);
  }, T);
  afterEach(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }, T);

  it('refuses bad arguments on stderr with a non-zero exit, and prints nothing on stdout', async () => {
    const pull = ['snapshot', 'pull', '--project', FAKE_PROJECT, '--split', 'train', '--format', 'jsonl', '-o', join(dir, 'x.jsonl')];
    const badVersion = await arbiter([...pull, '--version', 'newest']);
    expect(badVersion.code).not.toBe(0);
    expect(badVersion.stderr).toContain("option '--version <n|latest>' argument 'newest' is invalid. version must be a positive integer");
    expect(badVersion.stdout).toBe('');
    const badSplit = await arbiter([...pull, '--version', '1', '--split', 'holdout']);
    expect(badSplit.code).not.toBe(0);
    expect(badSplit.stderr).toContain("argument 'holdout' is invalid. Allowed choices are train, valid, test, all");
    const noProject = await arbiter(['snapshot', 'diff', '--from', '1', '--to', '2', '--json']);
    expect(noProject.code).not.toBe(0);
    expect(noProject.stderr).toContain("required option '--project <id>' not specified");
    expect(noProject.stdout).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  }, T);

  it('says how to sign in when neither the environment nor a login gives a server', async () => {
    const result = await arbiter(['snapshot', 'list', '--project', FAKE_PROJECT], {});
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'arbiter: no server address: set ARBITER_URL and ARBITER_TOKEN, or run `arbiter login`\n' });
  }, T);

  it('reports the server’s error on stderr', async () => {
    const result = await arbiter(['snapshot', 'list', '--project', FAKE_PROJECT], { ARBITER_URL: server.url, ARBITER_TOKEN: 'stale' });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`arbiter: GET /projects/${FAKE_PROJECT}/snapshots: 401 sign in first [UNAUTHENTICATED]\n`);
  }, T);

  it('login stores the credential (mode 0600) for later commands; the environment overrides it', async () => {
    const login = await arbiter(['login', '--url', server.url, '--token', FAKE_TOKEN], {});
    expect(login.code).toBe(0);
    expect(login.stderr).toContain('as eng@example.com');
    const file = join(dir, 'config', 'arbiter', 'credentials.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ url: server.url, token: FAKE_TOKEN });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const list = await arbiter(['snapshot', 'list', '--project', FAKE_PROJECT, '--json'], {});
    expect(JSON.parse(list.stdout).map((s: { version: number }) => s.version)).toEqual([2, 1]);
    const overridden = await arbiter(['snapshot', 'list', '--project', FAKE_PROJECT], { ARBITER_TOKEN: 'other' });
    expect(overridden.code).toBe(1);
    expect(overridden.stderr).toContain('401');
  }, T);

  it('login asks on stderr for what is missing and signs in with an email and password', async () => {
    const login = await arbiter(['login'], {}, `${server.url}\n\neng@example.com\n${FAKE_PASSWORD}\n`);
    expect(login.code).toBe(0);
    expect(login.stdout).toBe('');
    expect(login.stderr).toContain('Password: ');
    expect(login.stderr).not.toContain(FAKE_PASSWORD);
    const file = join(dir, 'config', 'arbiter', 'credentials.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ url: server.url, token: FAKE_TOKEN });
    const wrong = await arbiter(['login', '--url', server.url, '--email', 'eng@example.com'], {}, 'guess\n');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('401 wrong email or password');
  }, T);

  it('pulls JSONL as the bytes served, with a progress bar on stderr and nothing on stdout', async () => {
    server.cutRowsAfterBytes = [5000];
    const out = join(dir, 'all.jsonl');
    const result = await arbiter(['snapshot', 'pull', '--project', FAKE_PROJECT, '--version', 'latest', '--split', 'all', '--format', 'jsonl', '-o', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('120/120 rows');
    expect(readFileSync(out, 'utf8')).toBe(jsonlOf(rows));
  }, T);

  it('pulls Parquet that an independent reader reads back as the same rows', async () => {
    const out = join(dir, 'train.parquet');
    const result = await arbiter(['snapshot', 'pull', '--project', FAKE_PROJECT, '--version', '2', '--split', 'train', '--format', 'parquet', '-o', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const buf = readFileSync(out);
    const read = await parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer });
    const expected = rows.filter((r) => r.split === 'train');
    expect(read).toHaveLength(96);
    expect(read.map((r) => ({ ...r, metadata: JSON.parse(r['metadata'] as string) }))).toEqual(expected);
    expect(Object.keys(read[0])).toEqual([...SNAPSHOT_ROW_COLUMNS]);
  }, T);

  it('pulls CSV with the contract’s columns', async () => {
    const out = join(dir, 'test.csv');
    expect((await arbiter(['snapshot', 'pull', '--project', FAKE_PROJECT, '--version', '2', '--split', 'test', '--format', 'csv', '-o', out])).code).toBe(0);
    const records = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    const expected = rows.filter((r) => r.split === 'test');
    expect(Object.keys(records[0])).toEqual([...SNAPSHOT_ROW_COLUMNS]);
    expect(records.map((r) => [r['itemId'], r['text'], r['label'], r['source'], r['split'], r['externalId'], JSON.parse(r['labels'])])).toEqual(
      expected.map((r) => [r.itemId, r.text, r.label, r.source, r.split, r.externalId ?? '', r.labels]),
    );
  }, T);

  it('leaves no file and exits 1 when the content hash does not match', async () => {
    server.tamper = true;
    const out = join(dir, 'bad.parquet');
    const result = await arbiter(['snapshot', 'pull', '--project', FAKE_PROJECT, '--version', '2', '--format', 'parquet', '-o', out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('content hash mismatch');
    expect(readdirSync(dir)).toEqual([]);
  }, T);

  it('diff --json prints exactly added, removed and relabeled {itemId, from, to}', async () => {
    const result = await arbiter(['snapshot', 'diff', '--project', FAKE_PROJECT, '--from', '1', '--to', '2', '--json']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('{"added":["1003"],"removed":["1001"],"relabeled":[{"itemId":"1002","from":"négatif","to":"positive"}]}\n');
  }, T);

  it('create --wait prints one JSON line with the version and content hash once the build completes', async () => {
    server.nextBuild = { rows: fakeRows(4), polls: 2 };
    const result = await arbiter(['snapshot', 'create', '--project', FAKE_PROJECT, '--wait', '--policy-json', '{"sources":["gold"]}']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ version: 3, status: 'complete', contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.parse(server.requests.find((r) => r.method === 'POST')!.body)).toEqual({ policy: { sources: ['gold'] } });
  }, T);

  it('imports a file with the format taken from its extension and prints the report', async () => {
    const file = join(dir, 'items.jsonl');
    writeFileSync(file, '{"text":"a"}\n{"text":"b"}\n{"text":"c"}\n');
    const result = await arbiter(['import', '--project', FAKE_PROJECT, file, '--text-field', 'text']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ inserted: 3 });
    expect(server.requests[0].query).toEqual({ format: 'jsonl', onError: 'reject', textField: 'text' });
  }, T);
});
