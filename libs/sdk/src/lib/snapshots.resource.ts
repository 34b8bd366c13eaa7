// `client.snapshots`: list, read, create and diff snapshots, wait for a new one, and pull a split's rows.
import type {
  CreateSnapshotRequest, Datasheet, LabelPolicy, SnapshotDiff, SnapshotFormat, SnapshotList, SnapshotManifest, SnapshotRow, SnapshotView,
} from '@arbiter/contracts';
import { ArbiterError, CLIENT_ERROR_CODE } from './arbiter-error';
import { HttpTransport, projectPath, sleep } from './http-transport';
import { downloadVerifiedJsonl, parseJsonlRows, type PullProgress, type SplitOrAll } from './snapshot-download';

export type SnapshotVersion = number | 'latest';

export interface CreateSnapshotOptions {
  /** Partial: the server fills the rest from DEFAULT_LABEL_POLICY. */
  policy?: Partial<LabelPolicy>;
  note?: string;
  /** Poll until the build completes (resolve) or fails (throw SNAPSHOT_FAILED). */
  wait?: boolean;
  /** Called with each polled view while waiting. */
  onProgress?: (view: SnapshotView) => void;
  intervalMs?: number;
  /** Give up waiting (TIMEOUT) after this long; the build goes on. Default: no limit. */
  timeoutMs?: number;
}

export interface PullOptions {
  projectId: string;
  version: SnapshotVersion;
  split?: SplitOrAll;
  onProgress?: (p: PullProgress) => void;
  signal?: AbortSignal;
}

export interface PullBytesOptions extends Omit<PullOptions, 'onProgress'> {
  format: SnapshotFormat;
}

export interface WaitForNewOptions {
  /** Resolve with the first complete snapshot newer than this; default: the newest complete one at call time. */
  after?: number;
  timeoutMs?: number;
  intervalMs?: number;
  signal?: AbortSignal;
}

export class SnapshotsResource {
  constructor(private readonly http: HttpTransport) {}

  /** Newest first. */
  async list(projectId: string): Promise<SnapshotView[]> {
    return (await this.http.json<SnapshotList>('GET', `${projectPath(projectId)}/snapshots`)).snapshots;
  }

  /** The newest complete snapshot; a 404 ArbiterError when there is none. */
  latest(projectId: string): Promise<SnapshotView> {
    return this.get(projectId, 'latest');
  }

  get(projectId: string, version: SnapshotVersion): Promise<SnapshotView> {
    return this.http.json('GET', `${projectPath(projectId)}/snapshots/${version}`);
  }

  manifest(projectId: string, version: SnapshotVersion): Promise<SnapshotManifest> {
    return this.http.json('GET', `${projectPath(projectId)}/snapshots/${version}/manifest`);
  }

  datasheet(projectId: string, version: SnapshotVersion): Promise<Datasheet> {
    return this.http.json('GET', `${projectPath(projectId)}/snapshots/${version}/datasheet`);
  }

  diff(projectId: string, from: number, to: number): Promise<SnapshotDiff> {
    return this.http.json('GET', `${projectPath(projectId)}/snapshots/diff`, { query: { from, to } });
  }

  /** Runs a failed or stalled build again. */
  retry(projectId: string, version: number): Promise<SnapshotView> {
    return this.http.json('POST', `${projectPath(projectId)}/snapshots/${version}/retry`);
  }

  async create(projectId: string, o: CreateSnapshotOptions = {}): Promise<SnapshotView> {
    const body = { policy: o.policy, note: o.note } as CreateSnapshotRequest;
    const started = await this.http.json<SnapshotView>('POST', `${projectPath(projectId)}/snapshots`, { json: body });
    if (!o.wait) return started;
    const deadline = o.timeoutMs === undefined ? Infinity : Date.now() + o.timeoutMs;
    let view = started;
    for (;;) {
      o.onProgress?.(view);
      if (view.status === 'complete') return view;
      if (view.status === 'failed') {
        throw new ArbiterError(`snapshot ${view.version} failed: ${view.error ?? 'no reason given'}`, 0, CLIENT_ERROR_CODE.SnapshotFailed, [], view);
      }
      if (Date.now() >= deadline) throw timeout(`snapshot ${view.version} still building after ${o.timeoutMs} ms`);
      await sleep(o.intervalMs ?? 1000);
      view = await this.get(projectId, view.version);
    }
  }

  /** Resolves with the first complete snapshot newer than `after` (the oldest such one). */
  async waitForNew(projectId: string, o: WaitForNewOptions = {}): Promise<SnapshotView> {
    const newestComplete = (list: SnapshotView[]) => list.filter((s) => s.status === 'complete').reduce((m, s) => Math.max(m, s.version), 0);
    const after = o.after ?? newestComplete(await this.list(projectId));
    const deadline = o.timeoutMs === undefined ? Infinity : Date.now() + o.timeoutMs;
    for (;;) {
      const newer = (await this.list(projectId)).filter((s) => s.status === 'complete' && s.version > after);
      if (newer.length) return newer.reduce((a, b) => (b.version < a.version ? b : a));
      if (o.signal?.aborted) throw o.signal.reason;
      if (Date.now() >= deadline) throw timeout(`no complete snapshot newer than version ${after} within ${o.timeoutMs} ms`);
      await sleep(Math.min(o.intervalMs ?? 5000, Math.max(0, deadline - Date.now())));
    }
  }

  /**
   * The rows of one split (or all), in item id order, verified against the manifest's content hash after the last
   * row (so act on them once the loop ends). With `format: 'csv' | 'parquet'`: the server's bytes, as pullBytes.
   */
  pull(o: PullOptions & { format?: 'jsonl' }): AsyncGenerator<SnapshotRow>;
  pull(o: PullOptions & { format: 'csv' | 'parquet' }): AsyncGenerator<Uint8Array>;
  async *pull(o: PullOptions & { format?: SnapshotFormat }): AsyncGenerator<SnapshotRow | Uint8Array> {
    if (o.format === 'csv' || o.format === 'parquet') yield* this.pullBytes({ ...o, format: o.format });
    else yield* parseJsonlRows<SnapshotRow>(this.pullJsonl(o));
  }

  /**
   * The canonical JSONL bytes as received, in chunks that end on a line boundary; resumes after a broken
   * connection and throws CONTENT_HASH_MISMATCH after the last chunk if the bytes differ from the manifest's hash.
   */
  async *pullJsonl(o: PullOptions): AsyncGenerator<Uint8Array> {
    // Resolved once, so `latest` cannot move to a newer version between a download and its resumption.
    const manifest = await this.manifest(o.projectId, o.version);
    yield* downloadVerifiedJsonl(this.http, { projectId: o.projectId, manifest, split: o.split ?? 'all', onProgress: o.onProgress, signal: o.signal });
  }

  /** The server's own CSV or Parquet (or JSONL) bytes, in one request: no resume and no hash check. */
  async *pullBytes(o: PullBytesOptions): AsyncGenerator<Uint8Array> {
    const response = await this.http.send('GET', `${projectPath(o.projectId)}/snapshots/${o.version}/rows`, {
      query: { split: o.split ?? 'all', format: o.format },
      headers: { accept: '*/*' },
      signal: o.signal,
    });
    if (response.body) yield* response.body as AsyncIterable<Uint8Array>;
  }
}

const timeout = (message: string) => new ArbiterError(message, 0, CLIENT_ERROR_CODE.Timeout);
