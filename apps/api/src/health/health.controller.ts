import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /**
   * 503 while the database, the queue or (if used) Redis does not answer, naming which in `checks`. 200 otherwise,
   * also when no worker is live (`status: 'degraded'`, `checks.workers.status: 'down'`): the api still serves
   * labels, and a 503 would make a load balancer or orchestrator take every api instance out of service, or
   * restart them, over a problem they cannot fix.
   */
  @Public()
  @Get()
  async get(@Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.health.check();
    reply.status(result.status === 'down' ? 503 : 200);
    return result;
  }
}
