// Snapshots as people and retraining jobs use them: split settings, creating a version (built by a worker job),
// reading the list, the manifest and the datasheet, diffs between versions, and the rows streamed in three formats.
import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import {
  DEFAULT_LABEL_POLICY,
  labelPolicySchema,
  type CreateSnapshotRequest,
  type Datasheet,
  type LabelPolicy,
  type ModelLineage,
  type ModelLineageQuery,
  type PutModelLineageRequest,
  type PutSplitSettingsRequest,
  type SnapshotDiff,
  type SnapshotManifest,
  type SnapshotRowsQuery,
  type SnapshotSettings,
  type SnapshotTrigger,
  type SnapshotView,
  type SplitSettings,
} from '@arbiter/contracts';
import { SnapshotRepository, SnapshotRowsRepository, SnapshotStateError } from '@arbiter/server/data-access';
import { SnapshotProducer } from '@arbiter/server/jobs';
import { ArbiterError, ErrorCode, invalid, notFound } from '../errors/arbiter.error';
import { toCsv, toParquet } from './snapshot-formats';

export interface SnapshotDownload {
  /** Opens the stream (a database connection until it ends): after the ETag check. */
  open: () => Promise<Readable>;
  etag: string;
  contentType: string;
  filename: string;
}

const CONTENT_TYPES = { jsonl: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8', parquet: 'application/vnd.apache.parquet' } as const;

/** A version, `latest`, or an active-learning round's training snapshot (`t<N>` in a path). */
export type SnapshotRef = number | 'latest' | { training: number };

/** A snapshot reference from a path parameter. */
export function parseVersion(raw: string): SnapshotRef {
  if (raw === 'latest') return 'latest';
  const m = /^(t?)(\d{1,9})$/.exec(raw);
  if (!m || Number(m[2]) < 1) throw invalid('version', 'must be a positive integer, "latest", or t<N> for a training snapshot');
  return m[1] ? { training: Number(m[2]) } : Number(m[2]);
}

@Injectable()
export class SnapshotService {
  private readonly logger = new Logger('SnapshotService');

  constructor(
    private readonly repo: SnapshotRepository,
    private readonly rows: SnapshotRowsRepository,
    private readonly producer: SnapshotProducer,
  ) {}

  async splitSettings(projectId: string): Promise<SplitSettings> {
    const s = await this.repo.splitSettings(projectId);
    return { ...s, assigned: await this.repo.assignedCounts(projectId) };
  }

  async putSplitSettings(projectId: string, req: PutSplitSettingsRequest): Promise<SplitSettings> {
    try {
      await this.repo.putSplitSettings(projectId, req);
    } catch (err) {
      if (err instanceof SnapshotStateError && err.reason === 'group-key-fixed') {
        const path = req.groupKey !== undefined ? 'groupKey' : 'seed';
        throw new ArbiterError(ErrorCode.Conflict, `${path}: fixed once items have splits (an assignment is never changed)`, [
          { path, message: 'fixed once items have splits' },
        ]);
      }
      throw err;
    }
    return this.splitSettings(projectId);
  }

  async putModelLineage(projectId: string, req: PutModelLineageRequest): Promise<ModelLineage> {
    if (!(await this.repo.putModelLineage(projectId, req.model, req.snapshotVersion))) {
      throw invalid('snapshotVersion', `no complete snapshot v${req.snapshotVersion} in this project`);
    }
    return (await this.repo.modelLineage(projectId, req.model)) as ModelLineage;
  }

  async modelLineage(projectId: string, q: ModelLineageQuery): Promise<ModelLineage> {
    const model = { name: q.modelName, version: q.modelVersion };
    return (await this.repo.modelLineage(projectId, model)) ?? { model, snapshot: null, recordedAt: null };
  }

  snapshotSettings(projectId: string): Promise<SnapshotSettings> {
    return this.repo.snapshotSettings(projectId);
  }

  async putSnapshotSettings(projectId: string, req: SnapshotSettings): Promise<SnapshotSettings> {
    await this.repo.putSnapshotSettings(projectId, req);
    return this.repo.snapshotSettings(projectId);
  }

  /** Opens the next version and queues its build; a queue outage leaves it for the workers' sweep. */
  async create(projectId: string, req: CreateSnapshotRequest, requestedBy: string | null, trigger: SnapshotTrigger = 'manual'): Promise<SnapshotView> {
    const policy: LabelPolicy = labelPolicySchema.parse(req.policy ?? DEFAULT_LABEL_POLICY);
    const { id, view } = await this.repo.create(projectId, { trigger, policy, note: req.note ?? null, requestedBy });
    await this.producer.ensure({ projectId, snapshotId: id, version: view.version }).catch((err) => this.logger.warn(`snapshot ${projectId} v${view.version} not queued now (the sweep will): ${err}`));
    return view;
  }

  async list(projectId: string): Promise<{ snapshots: SnapshotView[] }> {
    return { snapshots: await this.repo.list(projectId) };
  }

  async get(projectId: string, version: SnapshotRef): Promise<SnapshotView> {
    return (await this.found(projectId, version)).view;
  }

  async manifest(projectId: string, version: SnapshotRef): Promise<SnapshotManifest> {
    return (await this.complete(projectId, version)).manifest;
  }

  async datasheet(projectId: string, version: SnapshotRef): Promise<Datasheet> {
    return (await this.complete(projectId, version)).datasheet;
  }

  /** A failed build (or one whose worker died) runs again; a complete snapshot is never rebuilt. */
  async retry(projectId: string, version: SnapshotRef): Promise<SnapshotView> {
    const s = await this.found(projectId, version);
    if (s.view.status === 'complete') throw new ArbiterError(ErrorCode.Conflict, `snapshot v${s.view.version} is complete; it never changes`);
    await this.repo.reopen(s.id);
    await this.producer.ensure({ projectId, snapshotId: s.id, version: s.view.version });
    return (await this.found(projectId, s.view.version)).view;
  }

  async diff(projectId: string, from: number | undefined, to: number | undefined): Promise<SnapshotDiff> {
    const b = await this.complete(projectId, to ?? 'latest', 'to');
    const before = from ?? b.view.version - 1;
    if (before < 1) throw invalid('from', `v${b.view.version} is the first snapshot: nothing to compare it with`);
    const a = await this.complete(projectId, before, 'from');
    return { from: a.view.version, to: b.view.version, ...(await this.repo.diff(a.id, b.id)) };
  }

  /** The rows of one split (or all) in a format, from row `cursor` on; the ETag names the split's content hash and the format. */
  async download(projectId: string, version: SnapshotRef, q: SnapshotRowsQuery): Promise<SnapshotDownload> {
    const s = await this.complete(projectId, version);
    const hash = q.split === 'all' ? s.manifest.contentHash : s.manifest.splits[q.split].contentHash;
    const open = async () => {
      // The Parquet written after the build, when it is there (a cursor asks for a file of the rows after it).
      if (q.format === 'parquet' && q.cursor === 0) {
        const stored = await this.rows.storedFile(s.id, q.split, 'parquet');
        if (stored) return stored.stream;
      }
      const lines = await this.rows.copyLines(s.id, q.split, q.cursor);
      return q.format === 'jsonl' ? lines : q.format === 'csv' ? toCsv(lines) : toParquet(lines);
    };
    return {
      open,
      // Weak for Parquet: the stored file and one converted while streaming hold the same rows, not always the same bytes.
      etag: `${q.format === 'parquet' ? 'W/' : ''}"${hash}.${q.format}${q.cursor ? `.${q.cursor}` : ''}"`,
      contentType: CONTENT_TYPES[q.format],
      filename: `snapshot-v${s.view.version}-${q.split}.${q.format}`,
    };
  }

  private async found(projectId: string, version: SnapshotRef) {
    const s = typeof version === 'object' ? await this.repo.find(projectId, version.training, true) : await this.repo.find(projectId, version);
    if (!s) throw notFound(version === 'latest' ? 'complete snapshot' : typeof version === 'object' ? `training snapshot t${version.training}` : `snapshot v${version}`);
    return s;
  }

  private async complete(projectId: string, version: SnapshotRef, path = 'version') {
    const s = await this.found(projectId, version);
    if (s.view.status !== 'complete' || !s.manifest || !s.datasheet) {
      throw new ArbiterError(ErrorCode.Conflict, `${path}: snapshot v${s.view.version} is ${s.view.status}, not complete`, [{ path, message: `snapshot is ${s.view.status}` }]);
    }
    return { id: s.id, view: s.view, manifest: s.manifest, datasheet: s.datasheet };
  }
}
