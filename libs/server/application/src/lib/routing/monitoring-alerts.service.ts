// Monitoring alerts over the webhook (issue 10): every model version with traffic in the last hour, in a project
// with a webhook, is monitored (ModelMonitoringService over its latest 1,000 predictions), and each alert is queued
// as an `alert` delivery, at most once per model version, metric and hour however often this runs.
import { Injectable } from '@nestjs/common';
import { ModelMonitoringRepository } from '@arbiter/server/data-access';
import { WebhookProducer } from '@arbiter/server/jobs';
import { ModelMonitoringService } from './model-monitoring.service';

export const ALERT_WINDOW = 1000;

@Injectable()
export class MonitoringAlertService {
  constructor(
    private readonly repo: ModelMonitoringRepository,
    private readonly monitoring: ModelMonitoringService,
    private readonly webhooks: WebhookProducer,
  ) {}

  /** Queues the alerts of every active model version; answers how many new deliveries were queued. */
  async sendAlerts(now = new Date()): Promise<number> {
    const hour = now.toISOString().slice(0, 13);
    let queued = 0;
    for (const v of await this.repo.activeVersionsWithWebhook()) {
      const m = await this.monitoring.get(v.projectId, { modelName: v.modelName, modelVersion: v.modelVersion, window: ALERT_WINDOW });
      for (const alert of m.alerts) {
        const key = JSON.stringify([v.modelName, v.modelVersion, alert.metric, hour]);
        const deliveryId = await this.repo.queueAlert(v.projectId, key, (id) =>
          JSON.stringify({ type: 'alert', deliveryId: id, projectId: v.projectId, model: m.model, ...alert, raisedAt: now.toISOString() }),
        );
        if (deliveryId !== null) {
          queued++;
          this.webhooks.afterCommit({ projectId: v.projectId, deliveryId, generation: 0 });
        }
      }
    }
    return queued;
  }
}
