// Routes any authenticated caller may use (the global AuthGuard already requires one); `keys: 'refused'` turns API
// keys away with a 403, for what only a person does (a password, creating projects). Service keys are refused either way.
import { applyDecorators, CanActivate, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { forbidden } from '@arbiter/server/application';
import { DeclareAccess } from './public.decorator';
import type { ArbiterRequest } from './request-context';

@Injectable()
class UsersOnlyGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.switchToHttp().getRequest<ArbiterRequest>().principal?.kind !== 'user') throw forbidden('this needs a signed-in user, not an API key');
    return true;
  }
}

// A service key only posts predictions and reads their outcomes: not even the routes open to every other key.
@Injectable()
class NoServiceKeysGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const p = ctx.switchToHttp().getRequest<ArbiterRequest>().principal;
    if (p?.kind === 'apiKey' && p.role === 'service') throw forbidden('a service key may only post predictions and read their decisions and verdicts');
    return true;
  }
}

export const SignedIn = (opts: { keys?: 'allowed' | 'refused' } = {}) =>
  opts.keys === 'refused'
    ? applyDecorators(DeclareAccess({ kind: 'signed-in', keys: 'refused' }), UseGuards(UsersOnlyGuard))
    : applyDecorators(DeclareAccess({ kind: 'signed-in', keys: 'allowed' }), UseGuards(NoServiceKeysGuard));
