export * from './config.schema';
export * from './logger';
