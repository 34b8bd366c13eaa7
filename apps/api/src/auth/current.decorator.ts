import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Principal } from '@arbiter/server/application';
import type { ArbiterRequest } from './request-context';

/** The authenticated caller (set by AuthGuard). */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest<ArbiterRequest>().principal as Principal,
);

/** The checked project of a project route (set by ProjectRoleGuard). */
export const CurrentProject = createParamDecorator(
  (_: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<ArbiterRequest>().project as NonNullable<ArbiterRequest['project']>,
);
