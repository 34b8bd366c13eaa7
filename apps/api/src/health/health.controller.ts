import { Controller, Get, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** 200 when the database, the queue and (if configured) Redis answer; 503 otherwise. */
  @Public()
  @Get()
  async get(@Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.health.check();
    reply.status(result.status === 'ok' ? 200 : 503);
    return result;
  }
}
