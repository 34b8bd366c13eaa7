export * from './lib/arbiter-client';
export * from './lib/arbiter-error';
export type { ArbiterClientOptions, RetryOptions } from './lib/http-transport';
export * from './lib/items.resource';
export * from './lib/predictions.resource';
export type { PullProgress, SplitOrAll } from './lib/snapshot-download';
export * from './lib/snapshots.resource';
export * from './lib/verdicts.resource';
