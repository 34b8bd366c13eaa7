// The labeling-functions screen: the LF table with Snorkel's analysis, the editor with its sample preview.
export * from './lib/components/lf-page';
