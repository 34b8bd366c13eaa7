export * from './lib/analysis.producer';
export * from './lib/maintenance.producer';
export * from './lib/queue-connection';
export * from './lib/lf.producer';
export * from './lib/replay.producer';
export * from './lib/connection-log';
export * from './lib/queue-unavailable.error';
export * from './lib/al.producer';
