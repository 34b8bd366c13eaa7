// The API process: HTTP + socket.io + the built web UI, on one origin.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { LfEvaluator } from '@arbiter/server/application';
import { createLogger, loadConfig, PinoNestLogger } from '@arbiter/server/config';
import { UserRepository } from '@arbiter/server/data-access';
import { ConnectionLog, redisOptionsFromUrl } from '@arbiter/server/jobs';
import { AppModule } from './app.module';
import { AuthThrottle } from './auth/auth-throttle';
import { SECURITY_HEADERS } from './http/security-headers';
import { forgetChangedPassword } from './first-admin-credentials';
import { instrumentHttp } from './metrics/metrics';
import { RedisIoAdapter } from './realtime/redis-io.adapter';
import { serveWebUi } from './web/serve-web-ui';

// Upload formats whose bodies reach the import route as a raw stream (never buffered whole).
const STREAMED_TYPES = ['text/csv', 'application/x-ndjson', 'application/jsonl', 'application/octet-stream', 'text/plain'];

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('api', config.LOG_LEVEL);
  // requestTimeout: Node's own limit on receiving any request, a backstop behind the import's UPLOAD_TIMEOUT_MS
  // (which answers first, with a 408 naming it); Fastify's default turns Node's off.
  const adapter = new FastifyAdapter({
    bodyLimit: 16 * 1024 * 1024,
    requestTimeout: config.UPLOAD_TIMEOUT_MS + 30_000,
    trustProxy: config.TRUST_PROXY,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
  });
  app.setGlobalPrefix('api', { exclude: ['health', 'metrics'] });
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  instrumentHttp(fastify);
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser(STREAMED_TYPES, (_req, payload, done) => done(null, payload));
  // A JSON-array upload is also streamed: the import route reads its body as bytes.
  fastify.addHook('onRequest', async (req) => {
    if (req.method === 'POST' && /\/imports(\?|$)/.test(req.url)) req.headers['content-type'] = 'application/octet-stream';
  });
  // The first admin's printed password is removed from DATA_DIR as soon as it has been changed (before the
  // answer is sent, so a client that sees the 204 finds it gone).
  fastify.addHook('onSend', async (req, reply, payload) => {
    if (req.method === 'POST' && req.routeOptions.url === '/api/auth/password' && reply.statusCode < 300) {
      await forgetChangedPassword(config.DATA_DIR, app.get(UserRepository)).catch((err) => logger.warn({ err: String(err) }, 'first admin credentials not checked'));
    }
    return payload;
  });
  // Redis and queue connections log an outage once per state change instead of a stack trace per retry.
  const connections = new ConnectionLog(logger);
  if (config.QUEUE_BACKEND === 'redis') {
    app.useWebSocketAdapter(new RedisIoAdapter(app, redisOptionsFromUrl(config.REDIS_URL), `${config.QUEUE_PREFIX}:socket.io`, connections));
  }
  await app.register(fastifyCookie as never);
  await app.register(fastifyHelmet as never, SECURITY_HEADERS(config) as never);
  await app.get(AuthThrottle).register(fastify);

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('Arbiter API').setVersion('0.1.0').addCookieAuth('arbiter_session').addBearerAuth().build(),
  );
  SwaggerModule.setup('api/docs', app, cleanupOpenApiDoc(doc), { jsonDocumentUrl: 'api/docs/openapi.json' });

  await serveWebUi(app, config.WEB_DIST, logger);

  await app.listen(config.PORT, config.HOST);
  connections.watchApplication(app);
  connections.closePromptlyOnShutdown();
  const address = fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info({ url: `http://${config.HOST}:${port}` }, 'api listening');
  // LF previews run code LFs here: optimise the sandbox thread now rather than during the first preview.
  app.get(LfEvaluator).warmUp();
}

bootstrap().catch((err) => {
  process.stderr.write(`api failed to start: ${err?.stack ?? err}\n`);
  process.exit(1);
});
