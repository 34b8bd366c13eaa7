export * from './config.schema';
export * from './logger';
export * from './test-env';
