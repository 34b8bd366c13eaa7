// socket.io over Redis pub/sub, so events reach clients connected to any api instance.
// Live events are best effort: during a Redis outage they are dropped (clients refetch on reconnect), the outage
// is logged once by the connection log, and closing the server with Redis gone does not crash the process.
import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import Redis, { RedisOptions } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';
import { ConnectionLog, handleUnawaitedCommands } from '@arbiter/server/jobs';

// Commands the adapter sends without awaiting them.
const UNAWAITED = ['publish', 'subscribe', 'psubscribe', 'unsubscribe', 'punsubscribe'];

export class RedisIoAdapter extends IoAdapter {
  private pub?: Redis;
  private sub?: Redis;

  constructor(
    app: INestApplicationContext,
    private readonly redisOptions: RedisOptions,
    private readonly key: string,
    private readonly connections: ConnectionLog,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    // A publish waits for at most one reconnection attempt, not for the whole outage in an ever-growing queue.
    this.pub = new Redis({ ...this.redisOptions, maxRetriesPerRequest: 1 });
    this.sub = new Redis(this.redisOptions);
    for (const client of [this.pub, this.sub]) {
      this.connections.watchRedis('socket.io', client);
      handleUnawaitedCommands(client, UNAWAITED);
    }
    server.adapter(createAdapter(this.pub, this.sub, { key: this.key }));
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    this.pub?.disconnect();
    this.sub?.disconnect();
  }
}
