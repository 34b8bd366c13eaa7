// The API process: HTTP + socket.io + the built web UI, on one origin.
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import { createLogger, loadConfig, PinoNestLogger } from '@arbiter/server/config';
import { AppModule } from './app.module';
import { instrumentHttp } from './metrics/metrics';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('api', config.LOG_LEVEL);
  const adapter = new FastifyAdapter({ bodyLimit: 16 * 1024 * 1024 });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
  });
  app.setGlobalPrefix('api', { exclude: ['health', 'metrics'] });
  app.enableShutdownHooks();

  const fastify = app.getHttpAdapter().getInstance();
  instrumentHttp(fastify);
  await app.register(fastifyCookie as never);

  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('Arbiter API').setVersion('0.1.0').addCookieAuth('arbiter_session').addBearerAuth().build(),
  );
  SwaggerModule.setup('api/docs', app, cleanupOpenApiDoc(doc), { jsonDocumentUrl: 'api/docs/openapi.json' });

  const webRoot = resolve(config.WEB_DIST);
  if (existsSync(resolve(webRoot, 'index.html'))) {
    await app.register(fastifyStatic as never, { root: webRoot, prefix: '/', wildcard: false, index: ['index.html'] });
  } else {
    logger.warn({ webRoot }, 'web UI not built; serving the API only');
  }

  await app.listen(config.PORT, config.HOST);
  const address = fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.info({ url: `http://${config.HOST}:${port}` }, 'api listening');
}

bootstrap().catch((err) => {
  process.stderr.write(`api failed to start: ${err?.stack ?? err}\n`);
  process.exit(1);
});
