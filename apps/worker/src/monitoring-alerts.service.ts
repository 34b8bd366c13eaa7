// Pushes monitoring alerts over project webhooks: every MONITOR_ALERT_MS each worker process runs one pass (an
// alert's key makes a second worker's or a second pass's copy a no-op). A failing pass is logged once when it starts
// failing and once when it recovers.
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { MonitoringAlertService } from '@arbiter/server/application';

export const MONITOR_ALERT_MS = 'MONITOR_ALERT_MS';

@Injectable()
export class MonitoringAlertSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('MonitoringAlerts');
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private failing = false;

  constructor(
    private readonly alerts: MonitoringAlertService,
    @Inject(MONITOR_ALERT_MS) private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.pass().finally(() => (this.running = null));
    }, this.intervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async pass(): Promise<void> {
    try {
      const queued = await this.alerts.sendAlerts();
      if (queued) this.logger.log(`queued ${queued} monitoring alert${queued === 1 ? '' : 's'}`);
      if (this.failing) this.logger.log('monitoring alert passes succeed again');
      this.failing = false;
    } catch (err) {
      if (!this.failing) this.logger.warn(`monitoring alert pass failed: ${(err as Error).message}`);
      this.failing = true;
    }
  }
}
