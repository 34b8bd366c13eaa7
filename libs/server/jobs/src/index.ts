export * from './lib/queue-connection';
