export * from './lib/components/project-page';
export * from './lib/components/projects-page';
