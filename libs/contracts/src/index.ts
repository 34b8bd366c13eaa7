export * from './lib/auth.contract';
export * from './lib/common.contract';
export * from './lib/events.contract';
export * from './lib/health.contract';
export * from './lib/item.contract';
export * from './lib/jobs.contract';
export * from './lib/project.contract';
export * from './lib/task.contract';
