// Tells /health this worker process is alive: a row in worker_heartbeats, refreshed every WORKER_HEARTBEAT_MS
// and marked stopped on a graceful stop. A failing heartbeat is logged once when it starts and once when it recovers.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HealthRepository } from '@arbiter/server/data-access';

export const HEARTBEAT_INTERVAL_MS = 'HEARTBEAT_INTERVAL_MS';

@Injectable()
export class HeartbeatService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Heartbeat');
  private readonly worker = { id: randomUUID(), hostname: hostname(), pid: process.pid };
  private timer?: NodeJS.Timeout;
  private failing = false;

  constructor(
    private readonly health: HealthRepository,
    @Inject(HEARTBEAT_INTERVAL_MS) private readonly intervalMs: number,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat(), this.intervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.health.stopped(this.worker.id).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    try {
      await this.health.beat(this.worker);
      if (this.failing) this.logger.log('heartbeat recorded again');
      this.failing = false;
    } catch (err) {
      if (!this.failing) this.logger.warn(`heartbeat not recorded: ${(err as Error).message}`);
      this.failing = true;
    }
  }
}
