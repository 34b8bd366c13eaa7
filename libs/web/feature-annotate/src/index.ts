export * from './lib/components/annotate-page';
