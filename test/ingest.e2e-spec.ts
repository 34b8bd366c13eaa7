// Ingest over HTTP: field mapping, reject vs skip, duplicates, U+0000 and lone surrogates as per-line errors and
// invalid UTF-8 as a 4xx naming the line, client vectors of one length per project, and progress over socket.io —
// on the real YouTube spam CSV and on generated files.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { io } from 'socket.io-client';
import type { ImportProgressEvent, ImportReport, ItemPage, ProjectStats } from '@arbiter/contracts';
import { ApiClient, Stack, closeSession, newProject, openSession } from '@arbiter/testing';

const DATA = resolve(__dirname, '../../shared/data');
const PSY = resolve(DATA, 'youtube-spam/Youtube01-Psy.csv');

function checksum(file: string): string {
  const sums = readFileSync(resolve(DATA, 'SHA256SUMS'), 'utf8');
  const name = file.slice(DATA.length + 1);
  const line = sums.split('\n').find((l) => l.trim().endsWith(name));
  if (!line) throw new Error(`${name} is not in SHA256SUMS`);
  return line.split(/\s+/)[0];
}

/** A 200 report, or a 4xx error body whose errors carry paths. */
type ImportReply = Omit<ImportReport, 'errors'> & {
  code?: string;
  message: string;
  errors: { path: string; line: number; field?: string; message: string }[];
  report?: ImportReport;
};

describe('ingest', () => {
  let stack: Stack;
  let owner: ApiClient;
  let db: Client;
  beforeAll(async () => ({ stack, owner, db } = await openSession()), 90_000);
  afterAll(() => closeSession({ stack, db }), 30_000);

  const upload = (pid: string, query: string, body: string | Uint8Array, type = 'text/csv') =>
    owner.post<ImportReply>(
      `/api/projects/${pid}/imports?${query}`,
      body,
      { 'content-type': type },
    );
  const itemCount = async (pid: string) => (await db.query('SELECT count(*)::int AS n FROM items WHERE project_id = $1', [pid])).rows[0].n;

  it('imports the YouTube Psy comments with a field mapping, gold from CLASS and metadata', async () => {
    expect(createHash('sha256').update(readFileSync(PSY)).digest('hex')).toBe(checksum(PSY));
    const p = await newProject(owner);
    const r = await upload(
      p.id,
      'format=csv&textField=CONTENT&externalIdField=COMMENT_ID&goldField=CLASS&metadataFields=AUTHOR,DATE',
      readFileSync(PSY),
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ committed: true, rowsRead: 350, inserted: 350, duplicates: 0, rejected: 0, errors: [] });
    const page = await owner.get<ItemPage>(`/api/projects/${p.id}/items?limit=2`);
    expect(page.body.items[0]).toMatchObject({
      externalId: 'LZQPQhLyRh80UYxNuaDWhIGQYNQ96IuCg-AYWqNPjpU',
      text: 'Huh, anyway check out this you[tube] channel: kobyoshi02',
      gold: [1],
      metadata: { AUTHOR: 'Julius NM', DATE: '2013-11-07T06:20:48' },
      status: 'new',
    });
    expect(page.body.nextAfter).toBe(page.body.items[1].id);
    const gold = await db.query(`SELECT gold[1] AS g, count(*)::int AS n FROM items WHERE project_id = $1 GROUP BY 1 ORDER BY 1`, [p.id]);
    expect(gold.rows).toEqual([{ g: 0, n: 175 }, { g: 1, n: 175 }]);
    // Re-importing the same file inserts nothing and counts every row as a duplicate.
    const again = await upload(p.id, 'format=csv&textField=CONTENT&externalIdField=COMMENT_ID', readFileSync(PSY));
    expect(again.body).toMatchObject({ inserted: 0, duplicates: 350 });
    const stats = await owner.get<ProjectStats>(`/api/projects/${p.id}/stats`);
    expect(stats.body.byStatus.new).toBe(350);
  }, 60_000);

  const mixed = ['id,text,label', '1,good one,ham', '2,,spam', '3,third,nope', '1,dup of one,spam', '4,"multi', 'line",ham', ''].join('\n');

  it('rejects the whole file when a row is bad, naming each line and field, and commits nothing', async () => {
    const p = await newProject(owner);
    const r = await upload(p.id, 'format=csv&externalIdField=id&goldField=label', mixed);
    expect(r.status).toBe(422);
    expect(r.body.errors.map((e) => e.path)).toEqual(['line 3: text', 'line 4: label']);
    expect(r.body.report).toMatchObject({ committed: false, inserted: 0, rejected: 2 });
    expect(await itemCount(p.id)).toBe(0);
  }, 60_000);

  it('skips bad rows when asked, reporting them and counting duplicates', async () => {
    const p = await newProject(owner);
    const r = await upload(p.id, 'format=csv&externalIdField=id&goldField=label&onError=skip', mixed);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ committed: true, rowsRead: 5, inserted: 2, duplicates: 1, rejected: 2 });
    expect(r.body.errors.map((e) => [e.line, e.field])).toEqual([[3, 'text'], [4, 'label']]);
    const texts = (await db.query('SELECT text FROM items WHERE project_id = $1 ORDER BY id', [p.id])).rows.map((x) => x.text);
    expect(texts).toEqual(['good one', 'multi\nline']);
  }, 60_000);

  it('stores client vectors (embeddingField) and keeps one length per project, naming the line and field of a wrong one', async () => {
    const p = await newProject(owner);
    // CSV: a JSON array, comma- or whitespace-separated numbers; a blank cell is no vector.
    const csv = ['id,text,vec', '1,one,"[0.5, -1, 2]"', '2,two,"0.25,0,-3"', '3,three,1e1 2 3', '4,four,', ''].join('\n');
    const r = await upload(p.id, 'format=csv&externalIdField=id&embeddingField=vec', csv);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ inserted: 4, rejected: 0 });
    const page = await owner.get<ItemPage>(`/api/projects/${p.id}/items`);
    expect(page.body.items.map((i) => [i.externalId, i.embedding, i.metadata])).toEqual([
      ['1', [0.5, -1, 2], {}],
      ['2', [0.25, 0, -3], {}],
      ['3', [10, 2, 3], {}],
      ['4', null, {}],
    ]);
    expect((await owner.get<{ embeddingDim: number }>(`/api/projects/${p.id}`)).body.embeddingDim).toBe(3);

    // A later file must match the project's length: the bad lines are named, nothing is written.
    const jsonl = ['{"text":"ok","v":[1,2,3]}', '{"text":"short","v":[1,2]}', '{"text":"word","v":[1,"x",3]}', ''].join('\n');
    const bad = await upload(p.id, 'format=jsonl&embeddingField=v', jsonl, 'application/x-ndjson');
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e) => e.path)).toEqual(['line 2: v', 'line 3: v']);
    expect(bad.body.errors[0].message).toBe("embedding has 2 numbers, but this project's vectors have 3");
    expect(await itemCount(p.id)).toBe(4);
    // Skipping keeps the good row.
    const skip = await upload(p.id, 'format=jsonl&embeddingField=v&onError=skip', jsonl, 'application/x-ndjson');
    expect(skip.body).toMatchObject({ inserted: 1, rejected: 2 });

    // In a new project, the file's first vector sets the length for the rest of the file.
    const q = await newProject(owner);
    const mixed = await upload(q.id, 'format=jsonl&embeddingField=v', ['{"text":"a","v":[1,2]}', '{"text":"b","v":[1,2,3]}', ''].join('\n'), 'application/x-ndjson');
    expect(mixed.status).toBe(422);
    expect(mixed.body.errors.map((e) => e.path)).toEqual(['line 2: v']);
    expect(await itemCount(q.id)).toBe(0);
    expect((await owner.get<{ embeddingDim: number | null }>(`/api/projects/${q.id}`)).body.embeddingDim).toBeNull();

    // The JSONL export gives each item's vector back.
    const exported = await owner.get<string>(`/api/projects/${p.id}/export?format=jsonl`);
    const vectors = String(exported.body).trim().split('\n').map((l) => (JSON.parse(l) as { embedding: number[] | null }).embedding);
    expect(vectors).toEqual([[0.5, -1, 2], [0.25, 0, -3], [10, 2, 3], null, [1, 2, 3]]);
  }, 60_000);

  it('answers 4xx for U+0000 and for invalid UTF-8, never 500', async () => {
    const p = await newProject(owner);
    const nul = await upload(p.id, 'format=jsonl', '{"text":"ok"}\n{"text":"bad\\u0000byte"}\n', 'application/x-ndjson');
    expect(nul.status).toBe(422);
    expect(nul.body.errors[0].path).toBe('line 2: text');
    expect(nul.body.errors[0].message).toContain('U+0000');
    const bytes = Buffer.concat([Buffer.from('text\nfine\nbroken '), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]);
    const utf = await upload(p.id, 'format=csv', bytes);
    expect(utf.status).toBe(400);
    expect(utf.body).toMatchObject({ code: 'BAD_FILE', errors: [{ path: 'line 3' }] });
    expect(utf.body.message).toMatch(/UTF-8/);
    expect(await itemCount(p.id)).toBe(0);
    const missing = await upload(p.id, 'format=csv&textField=body', 'text\nx\n');
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('body');
  }, 60_000);

  // PostgreSQL text and jsonb refuse U+0000, and a lone surrogate has no UTF-8 form: such rows used to fail the
  // whole import with a 500 when they reached the database.
  it('skips CSV rows holding U+0000 in the text or a metadata column, naming line and field', async () => {
    const p = await newProject(owner);
    const csv = ['id,text,note', '1,fine,ok', '2,bad\u0000text,ok', '3,fine too,bad\u0000note', '4,last,ok', ''].join('\n');
    const skip = await upload(p.id, 'format=csv&externalIdField=id&onError=skip', csv);
    expect(skip.status).toBe(200);
    expect(skip.body).toMatchObject({ committed: true, rowsRead: 4, inserted: 2, rejected: 2 });
    expect(skip.body.errors.map((e) => [e.line, e.field])).toEqual([[3, 'text'], [4, 'note']]);
    expect(skip.body.errors.map((e) => e.message)).toEqual([
      'text contains U+0000 (a NUL character), which PostgreSQL text cannot store',
      'metadata field "note" contains U+0000 (a NUL character), which PostgreSQL text cannot store',
    ]);
    const stored = await db.query('SELECT external_id, text, metadata FROM items WHERE project_id = $1 ORDER BY id', [p.id]);
    expect(stored.rows).toEqual([
      { external_id: '1', text: 'fine', metadata: { note: 'ok' } },
      { external_id: '4', text: 'last', metadata: { note: 'ok' } },
    ]);
    const p2 = await newProject(owner);
    const reject = await upload(p2.id, 'format=csv&externalIdField=id', csv);
    expect(reject.status).toBe(422);
    expect(reject.body.errors.map((e) => e.path)).toEqual(['line 3: text', 'line 4: note']);
    expect(await itemCount(p2.id)).toBe(0);
    // A surrogate encoded as bytes is not UTF-8 at all: the file is refused as unreadable, naming the line.
    const cesu = Buffer.concat([Buffer.from('text\nfine\nlone '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('\n')]);
    const bytes = await upload(p2.id, 'format=csv&onError=skip', cesu);
    expect(bytes.status).toBe(400);
    expect(bytes.body).toMatchObject({ code: 'BAD_FILE', errors: [{ path: 'line 3' }] });
    expect(await itemCount(p2.id)).toBe(0);
  }, 60_000);

  it('skips JSON lines holding U+0000 or a lone surrogate in text, metadata values or metadata keys', async () => {
    const p = await newProject(owner);
    // Written as JSON escapes, the way such characters arrive in JSON.
    const lines = [
      '{"id":"1","text":"fine","meta":{"k":"v"}}',
      '{"id":"2","text":"half an emoji \\ud83d","meta":{}}',
      '{"id":"3","text":"fine","meta":{"k":"\\udc00"}}',
      '{"id":"4","text":"fine","meta":{"k\\ud800":1}}',
      '{"id":"5","text":"fine","meta":{"k":"nul \\u0000"}}',
      '{"id":"6","text":"fine","n\\u0000":1}',
      '{"id":"7","text":"a whole emoji \\ud83d\\ude00","meta":{"k":"\\u00e9"}}',
    ];
    const skip = await upload(p.id, 'format=jsonl&externalIdField=id&onError=skip', lines.join('\n'), 'application/x-ndjson');
    expect(skip.status).toBe(200);
    expect(skip.body).toMatchObject({ committed: true, rowsRead: 7, inserted: 2, rejected: 5 });
    expect(skip.body.errors.map((e) => [e.line, e.field])).toEqual([[2, 'text'], [3, 'meta'], [4, 'meta'], [5, 'meta'], [6, 'n\u0000']]);
    expect(skip.body.errors[0].message).toBe('text contains a lone surrogate (U+D83D, e.g. a "\\ud83d" escape without its pair), which is not valid Unicode');
    expect(skip.body.errors[1].message).toMatch(/^metadata field "meta" contains a lone surrogate \(U\+DC00/);
    expect(skip.body.errors[4].message).toContain('U+0000');
    const stored = await db.query('SELECT external_id, text, metadata FROM items WHERE project_id = $1 ORDER BY id', [p.id]);
    expect(stored.rows).toEqual([
      { external_id: '1', text: 'fine', metadata: { meta: { k: 'v' } } },
      { external_id: '7', text: 'a whole emoji \u{1F600}', metadata: { meta: { k: 'é' } } },
    ]);
    const p2 = await newProject(owner);
    const reject = await upload(p2.id, 'format=jsonl&externalIdField=id', lines.join('\n'), 'application/x-ndjson');
    expect(reject.status).toBe(422);
    expect(reject.body.report).toMatchObject({ committed: false, rejected: 5, inserted: 0 });
    expect(await itemCount(p2.id)).toBe(0);
  }, 60_000);

  it('imports a JSON array with predictions as suggestions', async () => {
    const p = await newProject(owner);
    const body = JSON.stringify([
      { text: 'first', p: { ham: 0.9, spam: 0.1 } },
      { text: 'second', p: [0.2, 0.8] },
    ]);
    const r = await upload(p.id, 'format=json&predictionField=p', body, 'application/json');
    // Two rows without external ids on one physical line are two items, not duplicates.
    expect(r.status).toBe(200);
    expect(r.body.inserted).toBe(2);
    const page = await owner.get<ItemPage>(`/api/projects/${p.id}/items`);
    expect(page.body.items.map((i) => i.prediction!.map((x) => Math.round(x * 100) / 100))).toEqual([[0.9, 0.1], [0.2, 0.8]]);
  }, 60_000);

  it('pushes progress over socket.io while a large file streams in', async () => {
    const p = await newProject(owner);
    const socket = io(stack.baseUrl, { extraHeaders: { cookie: owner.sessionCookie! }, transports: ['websocket'] });
    const importId = '2b0a3c1e-6f1d-4b8e-9a39-2f6f2f1d0c11';
    const events: ImportProgressEvent[] = [];
    const finished = new Promise<void>((res) =>
      socket.on('import:progress', (e: ImportProgressEvent) => {
        events.push(e);
        if (e.importId === importId && e.done) res();
      }),
    );
    await new Promise<void>((res, rej) => {
      socket.on('connect', () => res());
      socket.on('connect_error', rej);
    });
    expect(await socket.emitWithAck('project:join', { projectId: p.id })).toEqual({ ok: true });
    const rows = 100_000;
    const lines: string[] = [];
    for (let i = 0; i < rows; i++) lines.push(JSON.stringify({ id: `x${i}`, text: `generated item number ${i} with some words` }));
    const r = await upload(p.id, `format=jsonl&externalIdField=id&importId=${importId}`, lines.join('\n'), 'application/x-ndjson');
    await finished;
    socket.disconnect();
    expect(r.body).toMatchObject({ inserted: rows });
    const mine = events.filter((e) => e.importId === importId);
    expect(mine.length).toBeGreaterThanOrEqual(2);
    expect(mine[mine.length - 1]).toMatchObject({ done: true, rowsRead: rows });
    const partial = mine.filter((e) => !e.done);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial[0].rowsRead).toBeLessThan(rows);
  }, 60_000);
});
