export * from './lib/components/annotate-page';
export * from './lib/components/review-page';
// Shared with the production review screen, keyboard first the same way.
export * from './lib/components/action-button';
export * from './lib/hooks/use-hotkeys';
