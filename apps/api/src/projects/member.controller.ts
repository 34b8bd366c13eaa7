import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ApiKey, CreatedApiKey, Member, Role } from '@arbiter/contracts';
import { Principal, ProjectService } from '@arbiter/server/application';
import { CurrentPrincipal, CurrentProject } from '../auth/current.decorator';
import { ProjectRole } from '../auth/project-role.guard';
import { AddMemberDto, CreateApiKeyDto } from '../common/dto';

type Ctx = { id: string; role: Role };

@ApiTags('members')
@Controller('projects/:projectId')
export class MemberController {
  constructor(private readonly projects: ProjectService) {}

  @ProjectRole('annotator')
  @Get('members')
  list(@CurrentProject() c: Ctx): Promise<Member[]> {
    return this.projects.members(c.id);
  }

  @ProjectRole('owner')
  @Post('members')
  add(@CurrentProject() c: Ctx, @Body() body: AddMemberDto, @CurrentPrincipal() p: Principal): Promise<Member> {
    return this.projects.addMember(c.id, body, p);
  }

  @ProjectRole('owner')
  @Delete('members/:userId')
  @HttpCode(204)
  remove(@CurrentProject() c: Ctx, @Param('userId') userId: string, @CurrentPrincipal() p: Principal): Promise<void> {
    return this.projects.removeMember(c.id, userId, p);
  }

  @ProjectRole('owner')
  @Get('api-keys')
  listKeys(@CurrentProject() c: Ctx, @CurrentPrincipal() p: Principal): Promise<ApiKey[]> {
    return this.projects.listApiKeys(c.id, p);
  }

  /** The key's secret is in this response only. */
  @ProjectRole('owner')
  @Post('api-keys')
  createKey(@CurrentProject() c: Ctx, @Body() body: CreateApiKeyDto, @CurrentPrincipal() p: Principal): Promise<CreatedApiKey> {
    return this.projects.createApiKey(c.id, body, p, c.role);
  }

  @ProjectRole('owner')
  @Delete('api-keys/:keyId')
  @HttpCode(204)
  revokeKey(@CurrentProject() c: Ctx, @Param('keyId') keyId: string, @CurrentPrincipal() p: Principal): Promise<void> {
    return this.projects.revokeApiKey(c.id, keyId, p);
  }
}
