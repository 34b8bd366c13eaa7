// Provides the DataSource and every repository to api and worker alike.
import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createDataSource, DatabaseOptions } from './data-source';
import { REPOSITORIES } from './repositories';
import { Sql } from './sql';

import { DATABASE_OPTIONS } from './database-options.token';

export { DATABASE_OPTIONS };

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
