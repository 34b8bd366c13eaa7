export * from './lib/project-stats.service';
