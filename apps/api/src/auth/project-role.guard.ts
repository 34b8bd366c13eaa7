// Project routes: the caller must be a member with at least the route's role. Non-members get 404.
import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiParam } from '@nestjs/swagger';
import type { Role } from '@arbiter/contracts';
import { ArbiterError, ErrorCode, ProjectService } from '@arbiter/server/application';
import { ArbiterRequest } from './request-context';

const MIN_ROLE = 'arbiter:min-role';

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
    req.project = { id: projectId.toLowerCase(), role };
    return true;
  }
}

/** Requires membership of `:projectId` with at least this role (owner ⊃ engineer ⊃ reviewer ⊃ annotator). */
export const ProjectRole = (role: Role) =>
  applyDecorators(SetMetadata(MIN_ROLE, role), UseGuards(ProjectRoleGuard), ApiParam({ name: 'projectId', format: 'uuid' }));
