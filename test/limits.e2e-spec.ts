// Limits that keep one client from starving the others, on a stack with a 3-connection pool: uploads that trickle
// or stall cannot take the connections login needs, and time out leaving nothing; an upload over the size limit
// is a 413; item metadata is bounded per row; item and review pages stop at a byte budget with their cursor.
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { ImportProgressEvent, ItemPage, NextTasksResponse, ReviewPage } from '@arbiter/contracts';
import { ApiClient, Stack, addMember, closeSession, newProject, newUser, openSession, signIn } from '@arbiter/testing';

const POOL = 3;
const UPLOAD_MAX_BYTES = 256 * 1024;
const PAGE_MAX_BYTES = 64 * 1024;
const ITEM_METADATA_MAX_BYTES = 2048;
// Far above the 200 ms between trickled bytes, so only a silent upload times out, even on a loaded machine.
const IDLE_MS = 5000;

interface Reply {
  status: number;
  body: { code?: string; message: string; [k: string]: unknown };
}

/** An upload whose body the test writes piece by piece; `reply` settles when the server answers. */
interface OpenUpload {
  write(text: string | Buffer): void;
  settled: () => boolean;
  reply: Promise<Reply>;
}

describe('limits', () => {
  let stack: Stack;
  let owner: ApiClient;
  let db: Client;
  beforeAll(
    async () =>
      ({ stack, owner, db } = await openSession({
        env: {
          DATABASE_POOL_SIZE: String(POOL),
          UPLOAD_IDLE_TIMEOUT_MS: String(IDLE_MS),
          UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES),
          ITEM_METADATA_MAX_BYTES: String(ITEM_METADATA_MAX_BYTES),
          PAGE_MAX_BYTES: String(PAGE_MAX_BYTES),
        },
      })),
    90_000,
  );
  afterAll(() => closeSession({ stack, db }), 30_000);

  const itemCount = async (pid: string) => (await db.query('SELECT count(*)::int AS n FROM items WHERE project_id = $1', [pid])).rows[0].n;
  // The api's backends copying an upload into PostgreSQL right now (each one holds a pooled connection).
  const copying = async () =>
    (
      await db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND xact_start IS NOT NULL
            AND query LIKE 'COPY import_rows%'`,
      )
    ).rows[0].n as number;
  // Any backend of the api or worker inside a transaction, other than this test's own.
  const inTransaction = async () =>
    (
      await db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND xact_start IS NOT NULL
            AND application_name = 'arbiter'`,
      )
    ).rows[0].n as number;
  const until = async (check: () => Promise<boolean> | boolean, what: string) => {
    for (let i = 0; i < 1500; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`never: ${what}\n${stack.logs()}`);
  };

  function openUpload(path: string, headers: Record<string, string> = {}): OpenUpload {
    const url = new URL(path, stack.baseUrl);
    let done = false;
    const req = request(url, { method: 'POST', headers: { 'content-type': 'text/csv', cookie: owner.sessionCookie!, ...headers } });
    const reply = new Promise<Reply>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          done = true;
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
        });
      });
      // The server closes the connection after refusing an upload; a write racing that close is expected.
      req.on('error', (err) => (done ? undefined : reject(err)));
    });
    req.flushHeaders();
    return { write: (text) => req.write(text), settled: () => done, reply };
  }

  async function joinProject(pid: string): Promise<Socket> {
    const socket = io(stack.baseUrl, { extraHeaders: { cookie: owner.sessionCookie! }, transports: ['websocket'] });
    await new Promise<void>((res, rej) => {
      socket.on('connect', () => res());
      socket.on('connect_error', rej);
    });
    expect(await socket.emitWithAck('project:join', { projectId: pid })).toEqual({ ok: true });
    return socket;
  }

  it('answers login and reads while pool-size + 1 uploads trickle, then times the stalled uploads out leaving nothing', async () => {
    const p = await newProject(owner);
    const socket = await joinProject(p.id);
    const rowsRead = new Map<string, number>();
    socket.on('import:progress', (e: ImportProgressEvent) => rowsRead.set(e.importId, Math.max(rowsRead.get(e.importId) ?? 0, e.rowsRead)));

    // Each upload sends a header and one whole row (so its import wants a transaction), then a row that never ends.
    const ids = Array.from({ length: POOL + 1 }, () => randomUUID());
    const uploads = ids.map((id) => openUpload(`/api/projects/${p.id}/imports?format=csv&importId=${id}`));
    uploads.forEach((u, i) => u.write(`text\nfirst row of upload ${i}\nsecond row, never fin`));
    const trickle = setInterval(() => uploads.forEach((u) => u.write('i')), 200);
    try {
      // In flight on the server: every upload's first row has been read by its import.
      await until(() => ids.every((id) => (rowsRead.get(id) ?? 0) >= 1), 'every upload had a row read');
      // One import holds a connection, copying; the others wait for their turn without one.
      await until(async () => (await copying()) === 1, 'one upload is being copied');

      const login = await signIn(stack.baseUrl, stack.admin);
      const items = await login.get<ItemPage>(`/api/projects/${p.id}/items`);
      expect(items.status).toBe(200);
      expect(items.body.items).toEqual([]);

      // All of that happened with every upload still open and one of them inside a COPY.
      expect(uploads.map((u) => u.settled())).toEqual(uploads.map(() => false));
      expect(await copying()).toBe(1);
      expect(await inTransaction()).toBe(1);
    } finally {
      clearInterval(trickle);
    }

    // Now silent, each upload times out in turn, its transaction rolled back.
    const replies = await Promise.all(uploads.map((u) => u.reply));
    socket.disconnect();
    for (const r of replies) {
      expect(r.status).toBe(408);
      expect(r.body.code).toBe('UPLOAD_TIMEOUT');
      expect(r.body.message).toBe(`no data arrived for ${IDLE_MS} ms (UPLOAD_IDLE_TIMEOUT_MS); nothing was imported`);
    }
    expect(await itemCount(p.id)).toBe(0);
    await until(async () => (await inTransaction()) === 0, 'no transaction left open');
    // The turn and the connections came back: an import and a login go through.
    const after = await owner.post<{ inserted: number }>(`/api/projects/${p.id}/imports?format=csv`, 'text\nafterwards\n', { 'content-type': 'text/csv' });
    expect(after.status).toBe(200);
    expect(after.body.inserted).toBe(1);
    await signIn(stack.baseUrl, stack.admin);
  }, 180_000);

  it('refuses an upload over UPLOAD_MAX_BYTES with a 413, declared or streamed, importing nothing', async () => {
    const p = await newProject(owner);
    const row = (i: number) => `row number ${i} ${'x'.repeat(100)}\n`;
    const big = 'text\n' + Array.from({ length: 3000 }, (_, i) => row(i)).join('');
    expect(Buffer.byteLength(big)).toBeGreaterThan(UPLOAD_MAX_BYTES);
    const message = `the upload is larger than ${UPLOAD_MAX_BYTES} bytes (UPLOAD_MAX_BYTES); nothing was imported: split the file or raise the limit`;

    // Declared by Content-Length: refused before any of it is read.
    const declared = await owner.post<Reply['body']>(`/api/projects/${p.id}/imports?format=csv`, big, { 'content-type': 'text/csv' });
    expect(declared.status).toBe(413);
    expect(declared.body).toMatchObject({ code: 'UPLOAD_TOO_LARGE', message });

    // Streamed without a length: its first rows are already copied when it passes the limit, and rolled back.
    const streamed = openUpload(`/api/projects/${p.id}/imports?format=csv`);
    for (let i = 0; i < big.length; i += 16 * 1024) streamed.write(big.slice(i, i + 16 * 1024));
    const r = await streamed.reply;
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ code: 'UPLOAD_TOO_LARGE', message });
    expect(await itemCount(p.id)).toBe(0);

    const small = await owner.post<{ inserted: number }>(`/api/projects/${p.id}/imports?format=csv`, 'text\nfits\n', { 'content-type': 'text/csv' });
    expect(small.body.inserted).toBe(1);
  }, 60_000);

  it('makes metadata over ITEM_METADATA_MAX_BYTES a per-line error naming its largest field', async () => {
    const p = await newProject(owner);
    const lines = [
      { id: 'a', text: 'small', note: 'n' },
      { id: 'b', text: 'too much', note: 'n', blob: 'z'.repeat(ITEM_METADATA_MAX_BYTES) },
      { id: 'c', text: 'small too', note: 'n' },
    ].map((l) => JSON.stringify(l));
    const query = 'format=jsonl&externalIdField=id';
    const rejected = await owner.post<Reply['body'] & { errors: { path: string; message: string }[] }>(
      `/api/projects/${p.id}/imports?${query}`, lines.join('\n'), { 'content-type': 'application/x-ndjson' },
    );
    expect(rejected.status).toBe(422);
    expect(rejected.body.errors).toEqual([
      { path: 'line 2: blob', message: `metadata is 2070 bytes as JSON, over the limit of ${ITEM_METADATA_MAX_BYTES} bytes per item (largest field "blob": 2057 bytes)` },
    ]);
    expect(await itemCount(p.id)).toBe(0);
    const skipped = await owner.post<{ inserted: number; rejected: number }>(
      `/api/projects/${p.id}/imports?${query}&onError=skip`, lines.join('\n'), { 'content-type': 'application/x-ndjson' },
    );
    expect(skipped.body).toMatchObject({ inserted: 2, rejected: 1 });
  }, 60_000);

  /** Follows `nextAfter` to the end; returns each page's ids and its size on the wire. */
  async function walk<T>(client: ApiClient, path: string, idOf: (item: T) => string) {
    const pages: { ids: string[]; bytes: number }[] = [];
    let after: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const r: { status: number; body: { items: T[]; nextAfter: string | null } } = await client.request('GET', `${path}${after ? `${sep}after=${after}` : ''}`);
      expect(r.status).toBe(200);
      pages.push({ ids: r.body.items.map(idOf), bytes: Buffer.byteLength(JSON.stringify(r.body)) });
      after = r.body.nextAfter;
      if (pages.length > 100) throw new Error('paging does not end');
    } while (after);
    return pages;
  }

  it('cuts item pages at PAGE_MAX_BYTES with a cursor, never empty, and loses no item', async () => {
    const p = await newProject(owner);
    // 30 items of about 6 kB, then one of about 100 kB, larger than a page's budget on its own.
    const rows = Array.from({ length: 30 }, (_, i) => JSON.stringify({ id: `i${String(i).padStart(2, '0')}`, text: `${i} ${'w'.repeat(6000)}` }));
    rows.push(JSON.stringify({ id: 'huge', text: 'h'.repeat(100_000) }));
    for (const part of [rows.slice(0, 20), rows.slice(20)]) {
      const r = await owner.post(`/api/projects/${p.id}/imports?format=jsonl&externalIdField=id`, part.join('\n'), { 'content-type': 'application/x-ndjson' });
      expect(r.status).toBe(200);
    }
    const pages = await walk<{ id: string; externalId: string }>(owner, `/api/projects/${p.id}/items?limit=1000`, (i) => i.externalId);
    const expected = [...Array.from({ length: 30 }, (_, i) => `i${String(i).padStart(2, '0')}`), 'huge'];
    expect(pages.flatMap((pg) => pg.ids)).toEqual(expected);
    expect(pages.length).toBeGreaterThan(3);
    for (const pg of pages) {
      expect(pg.ids.length).toBeGreaterThan(0);
      if (pg.ids.length > 1) expect(pg.bytes).toBeLessThanOrEqual(PAGE_MAX_BYTES);
    }
    expect(pages[pages.length - 1].ids).toEqual(['huge']);
  }, 60_000);

  it('cuts review pages at PAGE_MAX_BYTES the same way', async () => {
    const p = await newProject(owner, { overlap: 2 });
    const rows = Array.from({ length: 12 }, (_, i) => JSON.stringify({ id: `r${String(i).padStart(2, '0')}`, text: `${i} ${'v'.repeat(15_000)}` }));
    expect((await owner.post(`/api/projects/${p.id}/imports?format=jsonl&externalIdField=id`, rows.join('\n'), { 'content-type': 'application/x-ndjson' })).status).toBe(200);
    // Two annotators who disagree on every item: all twelve go to review.
    for (const [name, label] of [['Ham Always', 0], ['Spam Always', 1]] as const) {
      const annotator = await newUser(owner, name);
      await addMember(owner, p.id, annotator, 'annotator');
      for (;;) {
        const [t] = (await annotator.post<NextTasksResponse>(`/api/projects/${p.id}/tasks/next`, { count: 1 })).body.tasks;
        if (!t) break;
        expect((await annotator.post(`/api/projects/${p.id}/annotations`, { itemId: t.item.id, labels: [label], idempotencyKey: randomUUID() })).status).toBe(201);
      }
    }
    await until(async () => (await owner.get<ReviewPage>(`/api/projects/${p.id}/review`)).body.total === 12, 'the review queue holds all twelve items');
    const pages = await walk<{ itemId: string; externalId: string }>(owner, `/api/projects/${p.id}/review?limit=200`, (i) => i.externalId);
    expect(pages.flatMap((pg) => pg.ids)).toEqual(Array.from({ length: 12 }, (_, i) => `r${String(i).padStart(2, '0')}`));
    expect(pages.length).toBeGreaterThan(2);
    for (const pg of pages) {
      expect(pg.ids.length).toBeGreaterThan(0);
      expect(pg.bytes).toBeLessThanOrEqual(PAGE_MAX_BYTES);
    }
  }, 120_000);
});
