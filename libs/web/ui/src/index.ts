// Presentational components: data in through props, never fetched here.
// Their styles live in the app's stylesheet (apps/web/src/components.css): a CSS import here would break the jest specs that load these files.

export * from './lib/accuracy-bar';
export * from './lib/as-sentence';
export * from './lib/app-link';
export * from './lib/bar-chart';
export * from './lib/card';
export * from './lib/count-table';
export * from './lib/error-message';
export * from './lib/guidelines-blocks';
export * from './lib/guidelines-panel';
export * from './lib/interval-bars';
export * from './lib/kappa-heatmap';
export * from './lib/kappa-scale';
export * from './lib/kbd';
export * from './lib/label-button';
export * from './lib/label-hotkeys';
export * from './lib/page-state';
export * from './lib/progress-bar';
export * from './lib/sort-header';
export * from './lib/stat-format';
export * from './lib/stat-value';
export * from './lib/stat-tile';
export * from './lib/table-sort';
