// Every SNAPSHOT_SWEEP_MS (and at start): gives newly labeled items their split (so an item's split is made soon
// after its first label, not only when a snapshot or a round first reads it), opens the snapshots projects'
// schedules and gold-count policies ask for, and queues again builds left `building` whose job is gone (Redis lost
// it, or its worker died past BullMQ's stall limit). Every worker sweeps; the split lock makes one assignment at a
// time, a project's open build blocks another trigger, and job ids dedupe builds.
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SnapshotBuildService } from '@arbiter/server/application';

export const SNAPSHOT_SWEEP = 'SNAPSHOT_SWEEP';

@Injectable()
export class SnapshotSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Snapshots');
  private timer?: NodeJS.Timeout;
  private running = false;
  private failing = false;

  constructor(
    private readonly builds: SnapshotBuildService,
    @Inject(SNAPSHOT_SWEEP) private readonly opts: { everyMs: number; stallMs: number },
  ) {}

  onApplicationBootstrap(): void {
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), this.opts.everyMs);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async sweep(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const assigned = await this.builds.assignPendingSplits();
      if (assigned) this.logger.log(`snapshots: ${assigned} newly labeled items given their split`);
      const opened = await this.builds.runTriggers();
      const requeued = await this.builds.requeueStalled(this.opts.stallMs);
      if (opened || requeued) this.logger.log(`snapshots: ${opened} opened by triggers, ${requeued} builds queued again`);
      if (this.failing) this.logger.log('snapshot sweep works again');
      this.failing = false;
    } catch (err) {
      if (!this.failing) this.logger.warn(`snapshot sweep failed: ${(err as Error).message}`);
      this.failing = true;
    } finally {
      this.running = false;
    }
  }
}
