// Pushes monitoring alerts over project webhooks: every MONITOR_ALERT_MS each worker process runs one pass (an
// alert's key makes a second worker's or a second pass's copy a no-op).
import { Inject, Injectable } from '@nestjs/common';
import { MonitoringAlertService } from '@arbiter/server/application';
import { PeriodicTask } from './periodic-task';

export const MONITOR_ALERT_MS = 'MONITOR_ALERT_MS';

@Injectable()
export class MonitoringAlertSweep extends PeriodicTask {
  constructor(
    private readonly alerts: MonitoringAlertService,
    @Inject(MONITOR_ALERT_MS) intervalMs: number,
  ) {
    super('MonitoringAlerts', 'monitoring alert pass', intervalMs, false);
  }

  protected async runOnce(): Promise<void> {
    const queued = await this.alerts.sendAlerts();
    if (queued) this.logger.log(`queued ${queued} monitoring alert${queued === 1 ? '' : 's'}`);
  }
}
