// Routes any authenticated caller may use (the global AuthGuard already requires one); `keys: 'refused'` turns API
// keys away with a 403, for what only a person does (a password, creating projects).
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

export const SignedIn = (opts: { keys?: 'allowed' | 'refused' } = {}) =>
  opts.keys === 'refused'
    ? applyDecorators(DeclareAccess({ kind: 'signed-in', keys: 'refused' }), UseGuards(UsersOnlyGuard))
    : DeclareAccess({ kind: 'signed-in', keys: 'allowed' });
