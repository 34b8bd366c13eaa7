// A small stand-in for the api's public routes (node:http), for the SDK's and the CLI's specs: snapshots with rows
// served as JSONL (resumable with `cursor`), a build that completes after a few polls, imports, predictions and
// errors in the server's shape. Faults on demand: a response cut after N bytes, rows that no longer match the hash.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEFAULT_LABEL_POLICY, SNAPSHOT_ROW_COLUMNS, SPLITS, type PredictionDecision, type SnapshotDiff, type SnapshotManifest, type SnapshotRow, type SnapshotView, type Split,
} from '@arbiter/contracts';

export const FAKE_TOKEN = 'test-token';
export const FAKE_PASSWORD = 'correct horse';
export const FAKE_PROJECT = '6f1c1a52-3c0e-4c43-9d55-0b3c5f0a9f01';

/** `n` rows in item id order: train, valid and test in 8:1:1, non-ASCII text, nulls where the contract allows them. */
export function fakeRows(n: number, label = (i: number) => (i % 3 ? 'positive' : 'négatif')): SnapshotRow[] {
  return Array.from({ length: n }, (_, i) => ({
    itemId: String(1000 + i),
    externalId: i % 4 ? `ext-${i}` : null,
    text: `row ${i}: “quoted”, comma, café ☕ ${'x'.repeat(i % 7)}\nsecond line`,
    imageUrl: null,
    metadata: { n: i, tags: ['a', 'b'] },
    label: label(i),
    labels: [label(i)],
    source: i % 5 ? 'consensus' : 'gold',
    confidence: i % 5 ? 0.75 : 1,
    annotators: i % 5 ? 4 : 0,
    agreement: i % 5 ? 0.75 : null,
    lfVersionIds: null,
    labelModelId: null,
    split: (i % 10 < 8 ? 'train' : i % 10 === 8 ? 'valid' : 'test') as Split,
  }));
}

/** The canonical JSONL of rows: keys in SNAPSHOT_ROW_COLUMNS order, one line each. */
export const jsonlOf = (rows: SnapshotRow[]) => rows.map((r) => `${JSON.stringify(Object.fromEntries(SNAPSHOT_ROW_COLUMNS.map((c) => [c, r[c]])))}\n`).join('');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

interface StoredSnapshot {
  view: SnapshotView;
  rows: SnapshotRow[];
  /** GETs of the view left before a building snapshot completes. */
  pollsLeft: number;
  failWith?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: string;
}

export class FakeArbiterServer {
  readonly requests: RecordedRequest[] = [];
  private readonly snapshots: StoredSnapshot[] = [];
  /** Each rows request takes the next entry: that response is cut (socket destroyed) after so many bytes. */
  cutRowsAfterBytes: number[] = [];
  /** Serve one character of the first row changed, so the bytes no longer match the manifest's hash. */
  tamper = false;
  /** Called on every snapshot list (lets a spec add a snapshot while a client waits). */
  onList?: (calls: number) => void;
  /** Rows of the next snapshot POST creates, and how its build ends. */
  nextBuild: { rows: SnapshotRow[]; polls: number; failWith?: string } = { rows: fakeRows(3), polls: 2 };
  prediction?: PredictionDecision;
  private lists = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeArbiterServer> {
    const server = createServer();
    const fake = new FakeArbiterServer(server);
    server.on('request', (req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Adds a complete snapshot (the next version) holding `rows`. */
  addSnapshot(rows: SnapshotRow[], status: SnapshotView['status'] = 'complete'): SnapshotView {
    const version = this.snapshots.length + 1;
    const view: SnapshotView = {
      projectId: FAKE_PROJECT, version, status, trigger: 'manual', note: null, policy: DEFAULT_LABEL_POLICY,
      createdAt: new Date(Date.UTC(2026, 11, version)).toISOString(),
      completedAt: status === 'complete' ? new Date(Date.UTC(2026, 11, version, 1)).toISOString() : null,
      rowCount: status === 'complete' ? rows.length : null,
      contentHash: status === 'complete' ? sha256(jsonlOf(rows)) : null,
      error: null,
    };
    this.snapshots.push({ view, rows, pollsLeft: 0 });
    return view;
  }

  manifestOf(version: number): SnapshotManifest {
    const s = this.find(String(version));
    if (!s) throw new Error(`no snapshot ${version}`);
    const { view, rows } = s;
    const splits = Object.fromEntries(SPLITS.map((split) => {
      const part = rows.filter((r) => r.split === split);
      return [split, { rows: part.length, contentHash: sha256(jsonlOf(part)) }];
    })) as SnapshotManifest['splits'];
    return {
      projectId: FAKE_PROJECT, version, createdAt: view.createdAt, completedAt: view.completedAt ?? '', trigger: view.trigger, policy: view.policy,
      split: { seed: 1, ratios: { train: 0.8, valid: 0.1, test: 0.1 }, groupKey: null },
      labels: [...new Set(rows.map((r) => r.label))].sort(), rowCount: rows.length, contentHash: sha256(jsonlOf(rows)), splits, columns: SNAPSHOT_ROW_COLUMNS,
    };
  }

  private find(version: string): StoredSnapshot | undefined {
    if (version === 'latest') return [...this.snapshots].reverse().find((s) => s.view.status === 'complete');
    return this.snapshots.find((s) => String(s.view.version) === version);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    this.requests.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body });
    const send = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    const notFound = () => send(404, { statusCode: 404, code: 'NOT_FOUND', message: 'snapshot not found' });
    if (url.pathname === '/api/broken') return void res.writeHead(502, { 'content-type': 'text/html' }).end('<html>bad gateway</html>');
    if (req.method === 'POST' && url.pathname === '/api/auth/login') {
      const { password } = JSON.parse(body) as { password: string };
      if (password !== FAKE_PASSWORD) return send(401, { statusCode: 401, code: 'UNAUTHENTICATED', message: 'wrong email or password' });
      return send(200, { id: FAKE_PROJECT, email: 'eng@example.com', name: 'Eng', isAdmin: false, token: FAKE_TOKEN });
    }
    if (req.headers.authorization !== `Bearer ${FAKE_TOKEN}`) return send(401, { statusCode: 401, code: 'UNAUTHENTICATED', message: 'sign in first' });
    if (url.pathname === '/api/auth/me') return send(200, { id: FAKE_PROJECT, email: 'eng@example.com', name: 'Eng', isAdmin: false });

    const m = /^\/api\/projects\/([^/]+)\/(.*)$/.exec(url.pathname);
    if (!m || m[1] !== FAKE_PROJECT) return send(404, { statusCode: 404, code: 'NOT_FOUND', message: 'project not found' });
    const route = `${req.method} ${m[2]}`;
    let r: RegExpExecArray | null;
    if (route === 'GET snapshots') {
      this.lists += 1;
      this.onList?.(this.lists);
      return send(200, { snapshots: [...this.snapshots].reverse().map((s) => s.view) });
    }
    if (route === 'POST snapshots') {
      const view = this.addSnapshot(this.nextBuild.rows, 'building');
      const stored = this.snapshots[this.snapshots.length - 1];
      stored.pollsLeft = this.nextBuild.polls;
      stored.failWith = this.nextBuild.failWith;
      return send(202, view);
    }
    if (route === 'GET snapshots/diff') {
      const diff: SnapshotDiff = {
        from: Number(url.searchParams.get('from')), to: Number(url.searchParams.get('to')), added: ['1003'], removed: ['1001'],
        relabeled: [{ itemId: '1002', from: 'négatif', to: 'positive', fromSource: 'consensus', toSource: 'review' }],
        sourceChanged: [{ itemId: '1004', label: 'positive', fromSource: 'consensus', toSource: 'gold' }],
      };
      return send(200, diff);
    }
    if ((r = /^GET snapshots\/(\w+)$/.exec(route))) {
      const s = this.find(r[1]);
      if (!s) return notFound();
      if (s.view.status === 'building' && --s.pollsLeft <= 0) this.finish(s);
      return send(200, s.view);
    }
    if ((r = /^GET snapshots\/(\w+)\/manifest$/.exec(route))) {
      const s = this.find(r[1]);
      if (!s) return notFound();
      if (s.view.status !== 'complete') return send(409, { statusCode: 409, code: 'CONFLICT', message: 'still building' });
      return send(200, this.manifestOf(s.view.version));
    }
    if ((r = /^GET snapshots\/(\w+)\/rows$/.exec(route))) return this.rows(r[1], url.searchParams, res, send, notFound);
    if (route === 'POST imports') {
      if (!url.searchParams.get('format')) return send(400, { statusCode: 400, code: 'VALIDATION_FAILED', message: 'format: required', errors: [{ path: 'format', message: 'required' }] });
      const lines = body.split('\n').filter(Boolean).length;
      return send(200, { importId: 'i-1', committed: true, rowsRead: lines, inserted: lines, duplicates: 0, rejected: 0, errors: [], errorsTruncated: false });
    }
    if (route === 'POST predictions/batch') {
      const { predictions } = JSON.parse(body) as { predictions: { predictionId: string }[] };
      return send(200, { decisions: predictions.map((p) => ({ ...this.prediction, predictionId: p.predictionId })) });
    }
    if ((r = /^GET predictions\/(.+)$/.exec(route))) return this.prediction ? send(200, this.prediction) : notFound();
    return notFound();
  }

  private finish(s: StoredSnapshot) {
    if (s.failWith) {
      s.view = { ...s.view, status: 'failed', error: s.failWith };
      return;
    }
    const jsonl = jsonlOf(s.rows);
    s.view = { ...s.view, status: 'complete', completedAt: new Date().toISOString(), rowCount: s.rows.length, contentHash: sha256(jsonl) };
  }

  private rows(version: string, q: URLSearchParams, res: ServerResponse, send: (s: number, v: unknown) => void, notFound: () => void) {
    const s = this.find(version);
    if (!s) return notFound();
    const split = q.get('split') ?? 'all';
    if (q.get('format') !== 'jsonl') return send(400, { statusCode: 400, code: 'VALIDATION_FAILED', message: 'this fake serves jsonl only' });
    const rows = s.rows.filter((row) => split === 'all' || row.split === split).slice(Number(q.get('cursor') ?? 0));
    let text = jsonlOf(rows);
    if (this.tamper) text = text.replace('row', 'Row');
    const bytes = Buffer.from(text);
    res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8' });
    const cut = this.cutRowsAfterBytes.shift();
    if (cut === undefined) return void res.end(bytes);
    // Flushed first, so the client really receives the bytes before the connection breaks.
    res.write(bytes.subarray(0, cut), () => setTimeout(() => res.socket?.destroy(), 20));
  }
}
