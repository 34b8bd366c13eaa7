// The worker process: a Nest application context hosting BullMQ processors; no HTTP.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { createLogger, loadConfig, PinoNestLogger } from '@arbiter/server/config';
import { ConnectionLog } from '@arbiter/server/jobs';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('worker', config.LOG_LEVEL);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
  });
  app.enableShutdownHooks();
  // Queue and worker connections log an outage once per state change instead of a stack trace per retry.
  const connections = new ConnectionLog(logger);
  connections.watchApplication(app);
  // A stop during a Redis outage does not wait for Redis to acknowledge it.
  connections.closePromptlyOnShutdown();
  logger.info({ queueBackend: config.QUEUE_BACKEND }, 'worker ready');
}

bootstrap().catch((err) => {
  process.stderr.write(`worker failed to start: ${err?.stack ?? err}\n`);
  process.exit(1);
});
