// Projects, membership and roles: every project-scoped call goes through `access`.
import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AddMemberRequest,
  ApiKey,
  CreateApiKeyRequest,
  CreatedApiKey,
  CreateProjectRequest,
  isUuid,
  Member,
  MemberRole,
  Project,
  Role,
  ROLE_RANK,
  UpdateProjectRequest,
} from '@arbiter/contracts';
import { ApiKeyRepository, ProjectRepository } from '@arbiter/server/data-access';
import { AnalysisProducer } from '@arbiter/server/jobs';
import { API_KEY_PREFIX, hashToken } from '../auth/auth.service';
import type { Principal } from '../auth/principal';
import { ArbiterError, ErrorCode, forbidden, invalid, notFound } from '../errors/arbiter.error';
import { ProjectEvents } from './project-events';

const DAY_MS = 24 * 3600 * 1000;

@Injectable()
export class ProjectService {
  constructor(
    private readonly projects: ProjectRepository,
    private readonly apiKeys: ApiKeyRepository,
    private readonly analysis: AnalysisProducer,
    private readonly events: ProjectEvents,
  ) {}

  /**
   * The caller's role in the project, if it is at least `minRole`. A project the caller is not a member of
   * (or that does not exist) is a 404, so its existence is not revealed; too low a role is a 403. Instance admins
   * act as owners of every project (so no project is ever left without someone who can manage it).
   */
  async access(principal: Principal, projectId: string, minRole: MemberRole, opts: { service?: boolean } = {}): Promise<Role> {
    if (!isUuid(projectId)) throw notFound('project');
    let role: Role | null;
    if (principal.kind === 'apiKey') role = principal.projectId === projectId.toLowerCase() ? principal.role : null;
    else if (principal.isAdmin) role = (await this.projects.exists(projectId)) ? 'owner' : null;
    else role = await this.projects.roleOf(projectId, principal.userId);
    if (!role) throw notFound('project');
    // A service key passes only where the route admits it by name: its rank is below every member role.
    if (role === 'service' && opts.service) return role;
    if (role === 'service') throw forbidden('a service key may only post predictions and read their decisions and verdicts');
    if (ROLE_RANK[role] < ROLE_RANK[minRole]) throw forbidden(`this needs the ${minRole} role; you are ${role}`);
    return role;
  }

  create(req: CreateProjectRequest, principal: Principal): Promise<Project> {
    if (principal.kind !== 'user') throw forbidden('API keys cannot create projects');
    return this.projects.create(req, principal.userId);
  }

  list(principal: Principal): Promise<Project[]> {
    if (principal.kind === 'apiKey') return this.get(principal.projectId, principal.role).then((p) => [p]);
    if (principal.isAdmin) return this.projects.listAll();
    return this.projects.listForUser(principal.userId);
  }

  async get(projectId: string, role: Role): Promise<Project> {
    const p = await this.projects.get(projectId, role);
    if (!p) throw notFound('project');
    return p;
  }

  async update(projectId: string, role: Role, req: UpdateProjectRequest): Promise<Project> {
    const current = await this.get(projectId, role);
    if (req.labelSchema) {
      // Label ids are positions: existing labels keep their place and name; new ones may only be appended.
      const before = current.labelSchema.labels;
      const after = req.labelSchema.labels;
      if (after.length < before.length) throw new ArbiterError(ErrorCode.Validation, 'labels cannot be removed', [{ path: 'labelSchema.labels', message: 'labels cannot be removed' }]);
      before.forEach((l, i) => {
        if (after[i].name !== l.name) {
          const path = `labelSchema.labels.${i}.name`;
          throw new ArbiterError(ErrorCode.Validation, `${path}: label "${l.name}" cannot be renamed or moved`, [{ path, message: `label "${l.name}" cannot be renamed or moved` }]);
        }
      });
      if (req.labelSchema.kind !== current.labelSchema.kind) {
        const path = 'labelSchema.kind';
        throw new ArbiterError(ErrorCode.Validation, `${path}: cannot change once created`, [{ path, message: 'cannot change once created' }]);
      }
    }
    const p = await this.projects.update(projectId, role, req);
    if (!p) throw notFound('project');
    // A new consensus method or threshold changes the consensus and the review queue: recompute now.
    if (req.consensusMethod !== undefined || req.reviewThreshold !== undefined) {
      this.analysis.afterChange(projectId);
    }
    return p;
  }

  members(projectId: string): Promise<Member[]> {
    return this.projects.members(projectId);
  }

  /** Adds a member or changes their role; open sockets of that user follow the new role at once. */
  async addMember(projectId: string, req: AddMemberRequest): Promise<Member> {
    const out = await this.projects.setMember(projectId, req.email, req.role);
    if (out.kind === 'no-user') throw invalid('email', `no user has the email ${req.email}`);
    if (out.kind === 'last-owner') throw lastOwner();
    if (out.previous !== null && out.previous !== out.member.role) {
      this.events.accessChanged({ kind: 'member', projectId, userId: out.member.userId, role: out.member.role });
    }
    return out.member;
  }

  async removeMember(projectId: string, userId: string): Promise<void> {
    if (!isUuid(userId)) throw notFound('member');
    const out = await this.projects.removeMember(projectId, userId);
    if (out === 'not-member') throw notFound('member');
    if (out === 'last-owner') throw lastOwner();
    this.events.accessChanged({ kind: 'member', projectId, userId, role: null });
  }

  /**
   * A key's secret is returned once. Nobody mints a key of a higher role than their own, and a key minted by a key
   * (where the project's `keysManageAccess` lets keys in: the route's guard) never outlives it.
   */
  async createApiKey(projectId: string, req: CreateApiKeyRequest, principal: Principal, callerRole: Role): Promise<CreatedApiKey> {
    if (ROLE_RANK[req.role] > ROLE_RANK[callerRole]) throw invalid('role', `a ${callerRole} cannot create a key with the ${req.role} role`);
    let expiresAt = req.expiresInDays === null ? null : new Date(Date.now() + req.expiresInDays * DAY_MS);
    if (principal.kind === 'apiKey' && principal.expiresAt) {
      const parentEnd = new Date(principal.expiresAt);
      if (expiresAt === null || expiresAt > parentEnd) expiresAt = parentEnd;
    }
    const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const created = await this.apiKeys.create({
      projectId,
      name: req.name,
      role: req.role,
      keyHash: hashToken(key),
      prefix: key.slice(0, 10),
      createdBy: principal.kind === 'user' ? { userId: principal.userId } : { keyId: principal.keyId },
      expiresAt,
    });
    return { ...created, key };
  }

  listApiKeys(projectId: string): Promise<ApiKey[]> {
    return this.apiKeys.list(projectId);
  }

  /** Revokes the key and the keys minted from it; their open sockets are closed. */
  async revokeApiKey(projectId: string, keyId: string): Promise<void> {
    const revoked = isUuid(keyId) ? await this.apiKeys.revoke(projectId, keyId) : null;
    if (!revoked) throw notFound('API key');
    if (revoked.length) this.events.accessChanged({ kind: 'keys', keyIds: revoked });
  }

}

function lastOwner(): ArbiterError {
  return new ArbiterError(ErrorCode.LastOwner, 'a project must keep at least one owner: make someone else owner first');
}
