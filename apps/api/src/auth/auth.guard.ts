// Global guard: every route needs a session or API key unless marked @Public(). Credentials that fail count
// against the caller's address (see AuthThrottle).
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { API_KEY_PREFIX, ArbiterError, AuthService, ErrorCode } from '@arbiter/server/application';
import { AuthThrottle } from './auth-throttle';
import { IS_PUBLIC } from './public.decorator';
import { ArbiterRequest, credentialOf } from './request-context';

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly throttle: AuthThrottle,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [ctx.getHandler(), ctx.getClass()])) return true;
    const req = ctx.switchToHttp().getRequest<ArbiterRequest>();
    const token = credentialOf(req);
    if (token) {
      await this.throttle.refuseIfLimited(req);
      req.principal = (token.startsWith(API_KEY_PREFIX) ? await this.auth.fromApiKey(token) : await this.auth.fromSession(token)) ?? undefined;
      if (req.principal?.kind === 'user') req.sessionToken = token;
      // An expired browser cookie is normal; a bad bearer credential is a guess.
      if (!req.principal && typeof req.headers['authorization'] === 'string') await this.throttle.failed(req);
    }
    if (!req.principal) throw new ArbiterError(ErrorCode.Unauthenticated, 'sign in or send an API key');
    return true;
  }
}
