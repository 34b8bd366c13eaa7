// A TCP proxy a test controls, put between the app and a real service (PostgreSQL, Redis) to stage an outage
// without touching the service other tests share: cut() drops every connection and refuses new ones (each is
// reset as it arrives), restore() lets connections through again.
import { createConnection, createServer, Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** The target URL with its host and port replaced by the proxy's. */
  url: (targetUrl: string) => string;
  /** Drops every open connection and resets new ones until restore(). */
  cut: () => void;
  restore: () => void;
  /** Connections reset while cut (clients retrying show up here). */
  refused: () => number;
  /** Connections passed through to the target since the proxy started. */
  accepted: () => number;
  close: () => Promise<void>;
}

export async function startTcpProxy(target: string): Promise<TcpProxy> {
  const t = new URL(target);
  const host = t.hostname;
  const targetPort = Number(t.port || (t.protocol.startsWith('redis') ? 6379 : 5432));
  const open = new Set<Socket>();
  let isCut = false;
  let refused = 0;
  let accepted = 0;

  const server = createServer((client) => {
    if (isCut) {
      refused++;
      client.resetAndDestroy();
      return;
    }
    accepted++;
    const upstream = createConnection({ host, port: targetPort });
    open.add(client);
    open.add(upstream);
    const drop = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => res());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    url: (targetUrl) => {
      const u = new URL(targetUrl);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    cut: () => {
      isCut = true;
      for (const s of open) s.resetAndDestroy();
      open.clear();
    },
    restore: () => {
      isCut = false;
    },
    refused: () => refused,
    accepted: () => accepted,
    close: () =>
      new Promise<void>((res) => {
        for (const s of open) s.destroy();
        open.clear();
        server.close(() => res());
      }),
  };
}
