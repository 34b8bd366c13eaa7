export * from './lib/majority-label';
export * from './lib/coefficients';
export * from './lib/consensus';
