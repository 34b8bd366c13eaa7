// Test and benchmark support: real services, real processes, a small HTTP client.
export * from './client';
export * from './database';
export * from './stack';
export * from './session';
export * from './tcp-proxy';
