// Project routes: the caller must be a member with at least the route's role. Non-members get 404.
import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiParam } from '@nestjs/swagger';
import type { Role } from '@arbiter/contracts';
import { ArbiterError, ErrorCode, forbidden, ProjectService } from '@arbiter/server/application';
import { DeclareAccess } from './public.decorator';
import { ArbiterRequest } from './request-context';

const MIN_ROLE = 'arbiter:min-role';
const USERS_ONLY = 'arbiter:users-only';

@Injectable()
export class ProjectRoleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly projects: ProjectService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const minRole = this.reflector.getAllAndOverride<Role>(MIN_ROLE, [ctx.getHandler(), ctx.getClass()]);
    const req = ctx.switchToHttp().getRequest<ArbiterRequest>();
    const projectId = (req.params as Record<string, string>).projectId;
    if (!req.principal) throw new ArbiterError(ErrorCode.Unauthenticated, 'sign in or send an API key');
    const role = await this.projects.access(req.principal, projectId, minRole);
    if (req.principal.kind !== 'user' && this.reflector.getAllAndOverride<boolean>(USERS_ONLY, [ctx.getHandler(), ctx.getClass()])) {
      throw forbidden('this needs a signed-in member, not an API key');
    }
    req.project = { id: projectId.toLowerCase(), role };
    return true;
  }
}

/**
 * Requires membership of `:projectId` with at least this role (owner ⊃ engineer ⊃ reviewer ⊃ annotator);
 * `usersOnly` turns the project's API keys away (annotating and adjudicating are for people).
 */
export const ProjectRole = (role: Role, opts: { usersOnly?: boolean } = {}) =>
  applyDecorators(
    SetMetadata(MIN_ROLE, role),
    SetMetadata(USERS_ONLY, opts.usersOnly ?? false),
    UseGuards(ProjectRoleGuard),
    ApiParam({ name: 'projectId', format: 'uuid' }),
    DeclareAccess({ kind: 'project', role, usersOnly: opts.usersOnly ?? false }),
  );
