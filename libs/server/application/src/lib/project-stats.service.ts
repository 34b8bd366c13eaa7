import { Injectable } from '@nestjs/common';
import { CounterRepository } from '@arbiter/server/data-access';

@Injectable()
export class ProjectStatsService {
  constructor(private readonly counters: CounterRepository) {}

  recount(projectId: string): Promise<void> {
    return this.counters.recount(projectId);
  }
}
