// The worker's side of snapshots: builds one (splits assigned by libs/domain/splits inside the build's transaction),
// queues the `snapshot` webhook after it commits, makes the snapshots a project's triggers ask for, and re-queues
// builds whose job is gone (a worker killed mid-build leaves its snapshot `building`; nothing of it was written).
import { Injectable, Logger } from '@nestjs/common';
import { assignSplits } from '@arbiter/domain/splits';
import { type AssignSplits, type BuildProgress, SnapshotRepository, SnapshotRowsRepository } from '@arbiter/server/data-access';
import { SnapshotProducer, WebhookProducer } from '@arbiter/server/jobs';
import type { SnapshotView } from '@arbiter/contracts';
import { toParquet } from './snapshot-formats';
import { SnapshotService } from './snapshot.service';

/** The build's phases, and then the Parquet files'. */
export type SnapshotBuildProgress = (phase: Parameters<BuildProgress>[0] | 'parquet', done: number, total: number) => void;

/** The project's stratified, group-aware assignment of items labeled for the first time. */
export const assignNewSplits: AssignSplits = (candidates, state) =>
  assignSplits({
    items: candidates.map((c) => ({ itemId: c.itemId, label: c.label, group: c.group })),
    seed: state.settings.seed,
    ratios: state.settings.ratios,
    counts: state.counts,
    groups: state.groups,
  });

@Injectable()
export class SnapshotBuildService {
  private readonly logger = new Logger('SnapshotBuildService');

  constructor(
    private readonly repo: SnapshotRepository,
    private readonly rows: SnapshotRowsRepository,
    private readonly snapshots: SnapshotService,
    private readonly producer: SnapshotProducer,
    private readonly webhooks: WebhookProducer,
  ) {}

  async build(projectId: string, snapshotId: string, progress?: SnapshotBuildProgress): Promise<SnapshotView> {
    const { view, deliveryId } = await this.repo.build(snapshotId, assignNewSplits, progress);
    // A round's training snapshot is read by its trainer only; a project's version is downloaded, as Parquet too.
    if (view.trigger !== 'training' && this.rows.storesFiles) await this.writeParquet(snapshotId, view, progress);
    if (deliveryId) this.webhooks.afterCommit({ projectId, deliveryId, generation: 0 });
    return view;
  }

  /**
   * Writes the Parquet file of every split (and of all rows) once, so downloads serve stored bytes. A failure here
   * is logged, not thrown: the snapshot is complete, and a download without a stored file converts as it streams.
   */
  private async writeParquet(snapshotId: string, view: SnapshotView, progress?: SnapshotBuildProgress): Promise<void> {
    const splits = ['all', 'train', 'valid', 'test'] as const;
    for (const [i, split] of splits.entries()) {
      progress?.('parquet', i, splits.length);
      try {
        await this.rows.storeFile(snapshotId, split, 'parquet', toParquet(await this.rows.copyLines(snapshotId, split, 0)));
      } catch (err) {
        this.logger.warn(`snapshot v${view.version}: Parquet of ${split} not stored (downloads convert as they stream): ${(err as Error).message}`);
        return;
      }
    }
    progress?.('parquet', splits.length, splits.length);
  }

  /** After the last attempt: the snapshot is marked failed with the reason (a retry route runs it again). */
  async fail(snapshotId: string, err: unknown): Promise<void> {
    await this.repo.markFailed(snapshotId, err instanceof Error ? err.message : String(err));
  }

  /**
   * Gives newly labeled items of every project their split, soon after they got their first label (each sweep's
   * items are one stratified batch); a project whose split lock is held (a build) is left to that build.
   */
  async assignPendingSplits(): Promise<number> {
    let assigned = 0;
    for (const projectId of await this.repo.projectsWithUnassignedLabels()) assigned += (await this.repo.assignPending(projectId, assignNewSplits, false)) ?? 0;
    return assigned;
  }

  /** Snapshots the projects' schedules and gold-count policies ask for; returns how many it opened. */
  async runTriggers(): Promise<number> {
    let opened = 0;
    for (const due of await this.repo.dueTriggers()) {
      await this.snapshots.create(due.projectId, { policy: due.policy ?? undefined }, null, due.trigger);
      opened++;
    }
    return opened;
  }

  /** Re-queues builds left `building` for longer than `olderThanMs` whose job is no longer waiting or running. */
  async requeueStalled(olderThanMs: number): Promise<number> {
    let queued = 0;
    for (const s of await this.repo.unfinished(olderThanMs)) {
      if (await this.producer.ensure({ projectId: s.projectId, snapshotId: s.id, version: s.version }).catch((err) => (this.logger.warn(`snapshot ${s.id} not re-queued: ${err}`), false))) queued++;
    }
    return queued;
  }
}
