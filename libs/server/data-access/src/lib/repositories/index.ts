import { CounterRepository } from './counter.repository';
import { HealthRepository } from './health.repository';

export * from './counter.repository';
export { HealthRepository };
export const REPOSITORIES = [HealthRepository, CounterRepository];
