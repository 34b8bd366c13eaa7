// Every SNAPSHOT_SWEEP_MS (and at start): gives newly labeled items their split (so an item's split is made soon
// after its first label, not only when a snapshot or a round first reads it), opens the snapshots projects'
// schedules and gold-count policies ask for, and queues again builds left `building` whose job is gone (Redis lost
// it, or its worker died past BullMQ's stall limit). Every worker sweeps; the split lock makes one assignment at a
// time, a project's open build blocks another trigger, and job ids dedupe builds.
import { Inject, Injectable } from '@nestjs/common';
import { SnapshotBuildService } from '@arbiter/server/application';
import { PeriodicTask } from '../periodic-task';

export const SNAPSHOT_SWEEP = 'SNAPSHOT_SWEEP';

@Injectable()
export class SnapshotSweeper extends PeriodicTask {
  constructor(
    private readonly builds: SnapshotBuildService,
    @Inject(SNAPSHOT_SWEEP) private readonly opts: { everyMs: number; stallMs: number },
  ) {
    super('Snapshots', 'snapshot sweep', opts.everyMs, true);
  }

  protected async runOnce(): Promise<void> {
    const assigned = await this.builds.assignPendingSplits();
    if (assigned) this.logger.log(`snapshots: ${assigned} newly labeled items given their split`);
    const opened = await this.builds.runTriggers();
    const requeued = await this.builds.requeueStalled(this.opts.stallMs);
    if (opened || requeued) this.logger.log(`snapshots: ${opened} opened by triggers, ${requeued} builds queued again`);
  }
}
