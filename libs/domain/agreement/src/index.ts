export * from './lib/majority-label';
export * from './lib/coefficients';
export * from './lib/consensus';
export * from './lib/report/agreement-report';
export type * from './lib/report/agreement-report.types';
