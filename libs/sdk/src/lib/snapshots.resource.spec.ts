// The snapshot client against a local fake of the api: pulling rows (with resume after a cut connection and the
// content-hash check), waiting for builds and new snapshots, and errors in the server's shape.
import { FAKE_PROJECT, FAKE_TOKEN, FakeArbiterServer, fakeRows, jsonlOf } from '../fake-arbiter-server.testing';
import { ArbiterClient } from './arbiter-client';
import { ArbiterError } from './arbiter-error';

const T = 30_000;

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function failure(p: Promise<unknown>): Promise<ArbiterError> {
  const error = await p.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof ArbiterError)) throw new Error(`expected an ArbiterError, got ${String(error)}`);
  return error;
}

describe('client.snapshots', () => {
  let server: FakeArbiterServer;
  let client: ArbiterClient;
  const rows = fakeRows(200);
  const rowRequests = () => server.requests.filter((r) => r.path.endsWith('/rows'));

  beforeEach(async () => {
    server = await FakeArbiterServer.start();
    server.addSnapshot(fakeRows(5));
    server.addSnapshot(rows);
    client = new ArbiterClient({ url: server.url, token: FAKE_TOKEN, retry: { attempts: 3, baseDelayMs: 1 } });
  }, T);
  afterEach(() => server.close(), T);

  it('pulls the latest version’s train rows in item id order', async () => {
    const pulled = await collect(client.snapshots.pull({ projectId: FAKE_PROJECT, version: 'latest', split: 'train', format: 'jsonl' }));
    expect(pulled).toEqual(rows.filter((r) => r.split === 'train'));
    expect(pulled).toHaveLength(160);
    expect(rowRequests().map((r) => r.path)).toEqual([`/api/projects/${FAKE_PROJECT}/snapshots/2/rows`]);
  }, T);

  it('resumes after the server cuts the response mid-row, from the rows already received', async () => {
    const expected = rows.filter((r) => r.split === 'valid');
    const lines = expected.map((r) => Buffer.byteLength(JSON.stringify(r)) + 1);
    // Cut inside the 4th line, then inside the 9th line of what the second request sends.
    const firstCut = lines[0] + lines[1] + lines[2] + 10;
    const secondCut = lines.slice(3, 11).reduce((a, b) => a + b, 0) + 5;
    server.cutRowsAfterBytes = [firstCut, secondCut];
    const progress: number[] = [];
    const pulled = await collect(client.snapshots.pull({ projectId: FAKE_PROJECT, version: 2, split: 'valid', onProgress: (p) => progress.push(p.rows) }));
    expect(pulled).toEqual(expected);
    expect(rowRequests().map((r) => r.query['cursor'])).toEqual([undefined, '3', '11']);
    expect(progress[progress.length - 1]).toBe(20);
  }, T);

  it('yields the JSONL bytes exactly as served', async () => {
    server.cutRowsAfterBytes = [777];
    const chunks = await collect(client.snapshots.pullJsonl({ projectId: FAKE_PROJECT, version: 2 }));
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text.split('\n').filter(Boolean).map((l) => JSON.parse(l))).toEqual(rows);
    expect(text.endsWith('\n')).toBe(true);
  }, T);

  it('pullBytes streams the server’s own bytes of a format', async () => {
    const chunks = await collect(client.snapshots.pullBytes({ projectId: FAKE_PROJECT, version: 2, split: 'test', format: 'jsonl' }));
    expect(Buffer.concat(chunks).toString('utf8')).toBe(jsonlOf(rows.filter((r) => r.split === 'test')));
    expect(rowRequests()[0].query).toEqual({ split: 'test', format: 'jsonl' });
  }, T);

  it('throws a content hash mismatch when the bytes differ from the manifest', async () => {
    server.tamper = true;
    const error = await failure(collect(client.snapshots.pull({ projectId: FAKE_PROJECT, version: 2, split: 'all' })));
    expect(error.code).toBe('CONTENT_HASH_MISMATCH');
    expect(error.message).toContain(`content hash mismatch`);
    expect(error.message).toContain(server.manifestOf(2).contentHash);
  }, T);

  it('gives up after the configured retries when every attempt breaks without progress', async () => {
    server.cutRowsAfterBytes = [0, 0, 0, 0, 0];
    const error = await failure(collect(client.snapshots.pull({ projectId: FAKE_PROJECT, version: 2 })));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toContain('failed 4 times in a row after 0 of 200 rows');
    expect(rowRequests()).toHaveLength(4);
  }, T);

  it('maps the server’s errors: status, code, message and field errors', async () => {
    const missing = await failure(client.snapshots.get(FAKE_PROJECT, 9));
    expect([missing.status, missing.code]).toEqual([404, 'NOT_FOUND']);
    expect(missing.message).toContain('snapshot not found');
    const denied = await failure(new ArbiterClient({ url: server.url, token: 'wrong' }).snapshots.list(FAKE_PROJECT));
    expect([denied.status, denied.code, denied.message]).toEqual([401, 'UNAUTHENTICATED', `GET /projects/${FAKE_PROJECT}/snapshots: 401 sign in first`]);
    const invalid = await failure(client.items.import(FAKE_PROJECT, 'a\n', { format: '' as 'csv' }));
    expect(invalid.errors).toEqual([{ path: 'format', message: 'required' }]);
    const http = (client as unknown as { http: { json: (m: string, p: string) => Promise<unknown> } }).http;
    const gateway = await failure(http.json('GET', '/broken'));
    expect([gateway.status, gateway.code]).toEqual([502, 'HTTP_502']);
    const unreachable = await failure(new ArbiterClient({ url: 'http://127.0.0.1:9', token: 'x' }).snapshots.list(FAKE_PROJECT));
    expect([unreachable.status, unreachable.code]).toEqual([0, 'NETWORK']);
  }, T);

  it('create with wait polls until the build completes, and reports a failed build', async () => {
    server.nextBuild = { rows: fakeRows(7), polls: 3 };
    const seen: string[] = [];
    const done = await client.snapshots.create(FAKE_PROJECT, { wait: true, intervalMs: 1, onProgress: (v) => seen.push(v.status) });
    expect(done).toMatchObject({ version: 3, status: 'complete', rowCount: 7 });
    expect(seen).toEqual(['building', 'building', 'building', 'complete']);
    server.nextBuild = { rows: [], polls: 1, failWith: 'worker lost' };
    const failed = await failure(client.snapshots.create(FAKE_PROJECT, { wait: true, intervalMs: 1 }));
    expect([failed.code, failed.message]).toEqual(['SNAPSHOT_FAILED', 'snapshot 4 failed: worker lost']);
  }, T);

  it('waitForNew resolves with the first complete snapshot newer than the latest at call time', async () => {
    server.onList = (calls) => {
      if (calls === 3) server.addSnapshot(fakeRows(1), 'building');
      if (calls === 4) server.addSnapshot(fakeRows(2));
    };
    const next = await client.snapshots.waitForNew(FAKE_PROJECT, { intervalMs: 1, timeoutMs: 20_000 });
    expect(next.version).toBe(4);
    const older = await client.snapshots.waitForNew(FAKE_PROJECT, { after: 1, intervalMs: 1 });
    expect(older.version).toBe(2);
    const timeout = await failure(client.snapshots.waitForNew(FAKE_PROJECT, { intervalMs: 1, timeoutMs: 50 }));
    expect(timeout.code).toBe('TIMEOUT');
  }, T);
});
