// Run by `npm start` after migrating: creates the first admin when there are no users and writes its
// credentials to DATA_DIR/admin-credentials.json (mode 0600) so the start script can print them; on later
// starts, removes the password from that file if it has been changed since.
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { AuthService, ProjectEvents } from '@arbiter/server/application';
import { createLogger, loadConfig } from '@arbiter/server/config';
import { DatabaseModule, UserRepository } from '@arbiter/server/data-access';
import { credentialsPath, forgetChangedPassword } from './first-admin-credentials';

const ADMIN_EMAIL = 'admin@arbiter.local';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('bootstrap', config.LOG_LEVEL);
  @Module({ imports: [DatabaseModule.forRoot({ url: config.DATABASE_URL, poolSize: 2 })], providers: [AuthService, ProjectEvents] })
  class BootstrapModule {}
  const app = await NestFactory.createApplicationContext(BootstrapModule, { logger: false });
  try {
    const created = await app.get(AuthService).ensureFirstAdmin(ADMIN_EMAIL);
    if (created) {
      mkdirSync(config.DATA_DIR, { recursive: true });
      const file = credentialsPath(config.DATA_DIR);
      writeFileSync(file, JSON.stringify(created), { mode: 0o600 });
      logger.info({ email: created.email, file }, 'created the first admin');
    } else if (await forgetChangedPassword(config.DATA_DIR, app.get(UserRepository))) {
      logger.info({ file: credentialsPath(config.DATA_DIR) }, "removed the first admin's password from the file: it was changed");
    }
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  process.stderr.write(`bootstrap failed: ${err?.stack ?? err}\n`);
  process.exit(1);
});
