export * from './lib/majority-label';
