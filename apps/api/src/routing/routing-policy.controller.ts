import { Body, Controller, Get, Patch, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { RoutingCapacity, RoutingPolicyView, RoutingSettings } from '@arbiter/contracts';
import { Principal, RoutingPolicyService } from '@arbiter/server/application';
import { CurrentPrincipal, CurrentProject } from '../auth/current.decorator';
import { ProjectRole } from '../auth/project-role.guard';
import { RoutingPolicyDto, UpdateRoutingSettingsDto } from '../common/dto';

type Ctx = { id: string };

@ApiTags('routing')
@Controller('projects/:projectId/routing')
export class RoutingPolicyController {
  constructor(private readonly routing: RoutingPolicyService) {}

  /** The active policy and its version, or the default (version null) until one is set. */
  @ProjectRole('reviewer')
  @Get('policy')
  get(@CurrentProject() c: Ctx): Promise<RoutingPolicyView> {
    return this.routing.get(c.id);
  }

  /** A new version; every earlier one is kept, and decisions name theirs. */
  @ProjectRole('engineer')
  @Put('policy')
  put(@CurrentProject() c: Ctx, @Body() body: RoutingPolicyDto, @CurrentPrincipal() p: Principal): Promise<RoutingPolicyView> {
    return this.routing.put(c.id, body, p);
  }

  /** Shadow mode, the reviewer budget, the review SLA and its escalation action. */
  @ProjectRole('reviewer')
  @Get('settings')
  getSettings(@CurrentProject() c: Ctx): Promise<RoutingSettings> {
    return this.routing.settings(c.id);
  }

  @ProjectRole('engineer')
  @Patch('settings')
  settings(@CurrentProject() c: Ctx, @Body() body: UpdateRoutingSettingsDto): Promise<RoutingSettings> {
    return this.routing.updateSettings(c.id, body);
  }

  /** The review price capacity pricing sets now, the readings behind it, and what the budget costs per hour. */
  @ProjectRole('reviewer')
  @Get('capacity')
  capacity(@CurrentProject() c: Ctx): Promise<RoutingCapacity> {
    return this.routing.capacity(c.id);
  }
}
