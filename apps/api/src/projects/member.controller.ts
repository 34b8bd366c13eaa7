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

  @ProjectRole('owner', { keys: 'if-project-allows' })
  @Post('members')
  add(@CurrentProject() c: Ctx, @Body() body: AddMemberDto): Promise<Member> {
    return this.projects.addMember(c.id, body);
  }

  @ProjectRole('owner', { keys: 'if-project-allows' })
  @Delete('members/:userId')
  @HttpCode(204)
  remove(@CurrentProject() c: Ctx, @Param('userId') userId: string): Promise<void> {
    return this.projects.removeMember(c.id, userId);
  }

  @ProjectRole('owner', { keys: 'if-project-allows' })
  @Get('api-keys')
  listKeys(@CurrentProject() c: Ctx): Promise<ApiKey[]> {
    return this.projects.listApiKeys(c.id);
  }

  /** The key's secret is in this response only. */
  @ProjectRole('owner', { keys: 'if-project-allows' })
  @Post('api-keys')
  createKey(@CurrentProject() c: Ctx, @Body() body: CreateApiKeyDto, @CurrentPrincipal() p: Principal): Promise<CreatedApiKey> {
    return this.projects.createApiKey(c.id, body, p, c.role);
  }

  @ProjectRole('owner', { keys: 'if-project-allows' })
  @Delete('api-keys/:keyId')
  @HttpCode(204)
  revokeKey(@CurrentProject() c: Ctx, @Param('keyId') keyId: string): Promise<void> {
    return this.projects.revokeApiKey(c.id, keyId);
  }
}
