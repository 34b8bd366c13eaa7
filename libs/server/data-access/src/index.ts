export * from './lib/data-source';
export * from './lib/database.module';
export * from './lib/repositories';
export * from './lib/sql';
