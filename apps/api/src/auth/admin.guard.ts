import { applyDecorators, CanActivate, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { forbidden } from '@arbiter/server/application';
import { DeclareAccess } from './public.decorator';
import type { ArbiterRequest } from './request-context';

@Injectable()
class AdminGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const p = ctx.switchToHttp().getRequest<ArbiterRequest>().principal;
    if (p?.kind !== 'user' || !p.isAdmin) throw forbidden('this needs an administrator');
    return true;
  }
}

export const AdminOnly = () => applyDecorators(UseGuards(AdminGuard), DeclareAccess({ kind: 'admin' }));
