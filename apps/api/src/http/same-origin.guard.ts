// Global guard, before authentication: state-changing browser requests from other origins are a 403 (CSRF).
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ArbiterError, ErrorCode } from '@arbiter/server/application';
import type { AppConfig } from '@arbiter/server/config';
import { APP_CONFIG } from '../config.token';
import { isCrossOrigin, needsOriginCheck, originHeaders } from './same-origin';

@Injectable()
export class SameOriginGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const req = ctx.switchToHttp().getRequest<FastifyRequest>();
    if (!needsOriginCheck(req.method, req.headers)) return true;
    if (isCrossOrigin(originHeaders(req.headers, this.config.TRUST_PROXY), this.config.TRUSTED_ORIGINS)) {
      throw new ArbiterError(ErrorCode.CrossOrigin, 'this request came from a page of another origin; it was refused');
    }
    return true;
  }
}
