export * from './lib/maintenance.producer';
export * from './lib/queue-connection';
