// Every Redis / BullMQ connection gets an error handler that logs an outage once per state change and kind of
// client, as one structured line. Without one, ioredis prints a stack trace on each reconnect attempt and BullMQ
// prints every error it has no listener for; and a command the socket.io adapter fires without awaiting would
// crash the process with an unhandled rejection.
import type { EventEmitter } from 'node:events';
import type { INestApplicationContext } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { QueueEventsHost, WorkerHost } from '@nestjs/bullmq';
import { FlowProducer, Queue } from 'bullmq';
import { stopReconnecting } from './queue-connection';

type BullBackend = EventEmitter & { connection?: unknown; blockingConnection?: unknown };

/** The part of a pino logger used here. */
export interface StateLogger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/** Kinds of client, each logged as one state: `queue` (queues and flow producers), `worker`, `queue-events`, … */
export type ConnectionKind = 'queue' | 'worker' | 'queue-events' | 'socket.io' | 'health';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const CONNECTION_MESSAGES = /Connection is closed|Stream isn't writeable|max retries per request|Socket closed unexpectedly|Connection terminated|connect ETIMEDOUT|ECONNREFUSED|ECONNRESET/i;

export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  return (typeof e?.code === 'string' && CONNECTION_CODES.has(e.code)) || (typeof e?.message === 'string' && CONNECTION_MESSAGES.test(e.message));
}

/** The part of an ioredis client used to end it promptly. */
interface RedisLike {
  status: string;
  disconnect(): void;
  connect(): Promise<void>;
}

export class ConnectionLog {
  private readonly down = new Set<ConnectionKind>();
  private readonly clients: Array<() => Promise<unknown>> = [];
  private readonly workers: Array<{ close(force?: boolean): Promise<void> }> = [];
  private shuttingDown = false;
  private abandoned = false;

  constructor(private readonly logger: StateLogger) {}

  /** The first connection error of a kind logs it down; later ones are the same outage. */
  lost(kind: ConnectionKind, err: unknown): void {
    if (this.down.has(kind)) return;
    const e = err as { code?: string; message?: string } | null;
    if (!isConnectionError(err)) {
      this.logger.warn({ kind, error: e?.message ?? String(err) }, `${kind} error`);
      return;
    }
    this.down.add(kind);
    this.logger.warn({ kind, state: 'down', error: e?.code ?? e?.message }, `${kind} connection lost`);
    if (this.shuttingDown) this.abandonRunningJobs();
  }

  /**
   * On the first shutdown signal, connections stop being retried and those waiting to retry try once more now
   * (and end if Redis is still gone): a graceful close waits for Redis to acknowledge it, and ioredis never ends
   * a client that is between two attempts, so during an outage the api and the worker would never stop. For the
   * same reason, while Redis is down workers stop without waiting for their running jobs (which could never
   * report their result): those are retried by a worker once their lock expires, as after a crash.
   */
  closePromptlyOnShutdown(signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT']): void {
    const onSignal = () => {
      for (const s of signals) process.removeListener(s, onSignal);
      this.shuttingDown = true;
      stopReconnecting();
      if (this.down.size > 0) this.abandonRunningJobs();
      for (const client of this.clients) {
        client()
          .then((c) => {
            const redis = c as RedisLike | undefined;
            if (redis?.status !== 'reconnecting') return;
            redis.disconnect();
            redis.connect().catch(() => undefined);
          })
          .catch(() => undefined);
      }
    };
    for (const s of signals) process.once(s, onSignal);
  }

  private abandonRunningJobs(): void {
    if (this.abandoned || this.workers.length === 0) return;
    this.abandoned = true;
    this.logger.warn({ state: 'down' }, 'stopping without waiting for running jobs: Redis is unreachable (they are retried once their lock expires)');
    for (const worker of this.workers) worker.close(true).catch(() => undefined);
  }

  restored(kind: ConnectionKind): void {
    if (!this.down.delete(kind)) return;
    this.logger.info({ kind, state: 'up' }, `${kind} connection restored`);
  }

  /** An ioredis client. */
  watchRedis(kind: ConnectionKind, client: EventEmitter): void {
    this.clients.push(async () => client);
    client.on('error', (err) => this.lost(kind, err));
    client.on('ready', () => this.restored(kind));
  }

  /** A BullMQ Queue, Worker, QueueEvents or FlowProducer: errors arrive on it, reconnections on its backend. */
  watchBull(kind: ConnectionKind, target: EventEmitter & { getBackend(): BullBackend }): void {
    const backend = target.getBackend();
    target.on('error', (err: unknown) => this.lost(kind, err));
    backend.on('ready', () => this.restored(kind));
    // The Redis backend's connections (the PostgreSQL backend has no ioredis client to end).
    for (const connection of [backend.connection, backend.blockingConnection]) {
      const client = (connection as { client?: Promise<unknown> } | undefined)?.client;
      if (client instanceof Promise) this.clients.push(() => client);
    }
  }

  /** Every queue, flow producer, worker and queue-events listener the Nest application created. */
  watchApplication(app: INestApplicationContext): number {
    let watched = 0;
    for (const wrapper of app.get(DiscoveryService, { strict: false }).getProviders()) {
      const instance: unknown = wrapper.instance;
      if (instance instanceof Queue || instance instanceof FlowProducer) this.watchBull('queue', instance as never);
      else if (instance instanceof WorkerHost) {
        this.watchBull('worker', instance.worker as never);
        this.workers.push(instance.worker);
      }
      else if (instance instanceof QueueEventsHost) this.watchBull('queue-events', instance.queueEvents as never);
      else continue;
      watched++;
    }
    return watched;
  }
}

/**
 * Marks the rejections of commands a library fires without awaiting (the socket.io Redis adapter publishes and
 * unsubscribes so) as handled: during an outage, or once the client is closed, they fail, and an unhandled
 * rejection would take the process down. The outage itself is logged by the client's error handler.
 */
export function handleUnawaitedCommands(client: object, commands: string[]): void {
  const target = client as Record<string, unknown>;
  for (const name of commands) {
    const original = target[name];
    if (typeof original !== 'function') continue;
    target[name] = (...args: unknown[]) => {
      const result = original.apply(client, args) as unknown;
      if (result instanceof Promise) result.catch(() => undefined);
      return result;
    };
  }
}
