export * from './lib/components/login-page';
