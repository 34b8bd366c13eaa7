// Serves the built web UI on the api's origin: its files, and index.html for every other page path, so a deep link
// or a reload of `/projects/<id>/lfs` opens that screen (the client router reads the path).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';

// Paths the server answers itself: an unknown one is the JSON 404, never the UI.
const SERVER_PREFIXES = ['/api', '/health', '/metrics', '/socket.io'];
// Vite names what it emits here by content hash: a changed file gets a new name, so these may be cached for good.
const HASHED_ASSETS = '/assets/';
const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * Whether a GET of this URL is a screen of the UI (answered with index.html). Server paths are not, nor paths whose
 * last segment has a dot: those name files, and a missing file (a stale chunk after a deploy) must stay a 404
 * rather than become HTML the browser would try to run (the rule connect-history-api-fallback uses).
 */
export function isUiPath(url: string): boolean {
  const path = url.split(/[?#]/, 1)[0];
  if (SERVER_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`))) return false;
  return !path.slice(path.lastIndexOf('/') + 1).includes('.');
}

/** Registers the UI's routes; without a build it logs that only the API is served. */
export async function serveWebUi(app: NestFastifyApplication, webDist: string, logger: Logger): Promise<void> {
  const root = resolve(webDist);
  if (!existsSync(resolve(root, 'index.html'))) {
    logger.warn({ webRoot: root }, 'web UI not built; serving the API only');
    return;
  }
  // Files present at boot get one route each (`wildcard: false`); the catch-all below is everything else.
  await app.register(fastifyStatic as never, {
    root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    cacheControl: false,
    setHeaders: (reply: FastifyReply, path: string) => {
      const hashed = path.startsWith(resolve(root, `.${HASHED_ASSETS}`));
      // index.html names the current hashed files: the browser must ask again each time (it may revalidate by ETag).
      reply.header('cache-control', hashed ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache');
    },
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/*', (req, reply) => (isUiPath(req.url) ? reply.sendFile('index.html') : reply.callNotFound()));
}
