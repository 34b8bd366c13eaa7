export * from './lib/components/annotate-page';
export * from './lib/components/review-page';
