// Project routes: the caller must be a member with at least the route's role. Non-members get 404. API keys are
// allowed, refused (annotating and adjudicating are for people), or allowed where the project says so (members and
// keys managed by owner keys). `service` keys pass only routes that admit them by name (`service: true`).
import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiParam } from '@nestjs/swagger';
import type { KeyAccess, MemberRole } from '@arbiter/contracts';
import { ArbiterError, ErrorCode, forbidden, ProjectService } from '@arbiter/server/application';
import { DeclareAccess } from './public.decorator';
import { ArbiterRequest } from './request-context';

const MIN_ROLE = 'arbiter:min-role';
const KEYS = 'arbiter:keys';
const SERVICE = 'arbiter:service';

@Injectable()
export class ProjectRoleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly projects: ProjectService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const minRole = this.reflector.getAllAndOverride<MemberRole>(MIN_ROLE, targets);
    const service = this.reflector.getAllAndOverride<boolean>(SERVICE, targets) ?? false;
    const keys = this.reflector.getAllAndOverride<KeyAccess>(KEYS, targets) ?? 'allowed';
    const req = ctx.switchToHttp().getRequest<ArbiterRequest>();
    const projectId = (req.params as Record<string, string>).projectId;
    if (!req.principal) throw new ArbiterError(ErrorCode.Unauthenticated, 'sign in or send an API key');
    const role = await this.projects.access(req.principal, projectId, minRole, { service });
    if (req.principal.kind === 'apiKey' && keys !== 'allowed') {
      const allowed = keys === 'if-project-allows' && (await this.projects.get(projectId, role)).keysManageAccess;
      if (!allowed) {
        throw forbidden(
          keys === 'refused'
            ? 'this needs a signed-in member, not an API key'
            : 'API keys cannot manage members or keys in this project (an owner can allow it with keysManageAccess)',
        );
      }
    }
    req.project = { id: projectId.toLowerCase(), role };
    return true;
  }
}

/**
 * Requires membership of `:projectId` with at least this role (owner ⊃ engineer ⊃ reviewer ⊃ annotator), and
 * says whether the project's API keys may call it; `service: true` also admits the project's service keys.
 */
export const ProjectRole = (role: MemberRole, opts: { keys?: KeyAccess; service?: true } = {}) =>
  applyDecorators(
    SetMetadata(MIN_ROLE, role),
    SetMetadata(KEYS, opts.keys ?? 'allowed'),
    SetMetadata(SERVICE, opts.service === true),
    UseGuards(ProjectRoleGuard),
    ApiParam({ name: 'projectId', format: 'uuid' }),
    DeclareAccess({ kind: 'project', role, keys: opts.keys ?? 'allowed', ...(opts.service ? { service: true } : {}) }),
  );
