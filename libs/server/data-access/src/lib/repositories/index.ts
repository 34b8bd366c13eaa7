import { AgreementRepository } from './agreement.repository';
import { ApiKeyRepository } from './api-key.repository';
import { CounterRepository } from './counter.repository';
import { HealthRepository } from './health.repository';
import { HoneypotRepository } from './honeypot.repository';
import { ItemRepository } from './item.repository';
import { LfRepository } from './lf.repository';
import { ProjectRepository } from './project.repository';
import { ReplayRepository } from './replay.repository';
import { TaskRepository } from './task.repository';
import { UserRepository } from './user.repository';

export * from './agreement.repository';
export * from './api-key.repository';
export * from './counter.repository';
export * from './honeypot.repository';
export * from './item.repository';
export * from './lf.repository';
export * from './project.repository';
export * from './replay.repository';
export * from './task.repository';
export * from './user.repository';
export { HealthRepository };
export const REPOSITORIES = [
  HealthRepository,
  CounterRepository,
  UserRepository,
  ApiKeyRepository,
  ProjectRepository,
  ItemRepository,
  TaskRepository,
  AgreementRepository,
  HoneypotRepository,
  LfRepository,
  ReplayRepository,
];
