// A worker's timer job: runs `runOnce` every `everyMs` (and once at start when asked), one run at a time per process
// (a slow run is not stacked on), logs a failure once when it starts failing and once when it recovers, and is
// waited for on shutdown. The sweeps (SLA, monitoring alerts, webhooks, snapshots) differ only in what one run does.
import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';

export abstract class PeriodicTask implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private failing = false;

  protected constructor(
    loggerName: string,
    /** What one run is called in the log: "SLA sweep", "webhook sweep". */
    private readonly what: string,
    private readonly everyMs: number,
    private readonly runAtStart: boolean,
  ) {
    this.logger = new Logger(loggerName);
  }

  protected abstract runOnce(): Promise<void>;

  onApplicationBootstrap(): void {
    if (this.runAtStart) this.tick();
    this.timer = setInterval(() => this.tick(), this.everyMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    this.running ??= this.guarded().finally(() => (this.running = null));
  }

  private async guarded(): Promise<void> {
    try {
      await this.runOnce();
      if (this.failing) this.logger.log(`${this.what} works again`);
      this.failing = false;
    } catch (err) {
      if (!this.failing) this.logger.warn(`${this.what} failed: ${(err as Error).message}`);
      this.failing = true;
    }
  }
}
