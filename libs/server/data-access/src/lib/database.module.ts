// Provides the DataSource and every repository to api and worker alike.
import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@arbiter/server/config';
import { createDataSource, DatabaseOptions } from './data-source';
import { REPOSITORIES } from './repositories';
import { Sql } from './sql';

import { DATABASE_OPTIONS } from './database-options.token';

export { DATABASE_OPTIONS };

/**
 * The pool of the api or of a worker process, from the config. The worker's jobs run longer statements (whole
 * projects at a time), so its timeouts are separate; the embedded database gets none (its connections share one
 * PGlite session, where one connection's timeout would apply to all of them).
 */
export function databaseOptionsFor(config: AppConfig, role: 'api' | 'worker'): DatabaseOptions {
  const embedded = config.EMBEDDED_DATABASE;
  const api = role === 'api';
  return {
    url: config.DATABASE_URL,
    poolSize: api ? config.DATABASE_POOL_SIZE : 10,
    bulkInsert: embedded ? 'insert' : 'copy',
    connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: embedded ? undefined : api ? config.DATABASE_STATEMENT_TIMEOUT_MS : config.WORKER_DATABASE_STATEMENT_TIMEOUT_MS,
    idleInTransactionTimeoutMs: embedded
      ? undefined
      : api
        ? config.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS
        : config.WORKER_DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    importConcurrency: config.IMPORT_MAX_CONCURRENT,
  };
}

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATABASE_OPTIONS, useValue: options },
        {
          provide: DataSource,
          useFactory: async () => {
            const ds = createDataSource(options);
            await ds.initialize();
            return ds;
          },
        },
        DataSourceCloser,
        Sql,
        ...REPOSITORIES,
      ],
      exports: [DataSource, Sql, ...REPOSITORIES],
    };
  }
}
