export * from './lib/health.contract';
export * from './lib/jobs.contract';
