import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { PutWebhookResponse, WebhookDeliveryPage, WebhookView } from '@arbiter/contracts';
import { WebhookService } from '@arbiter/server/application';
import { CurrentProject } from '../auth/current.decorator';
import { ProjectRole } from '../auth/project-role.guard';
import { ListWebhookDeliveriesQueryDto, PutWebhookDto } from '../common/dto';

type Ctx = { id: string };

// Engineers and owners; service keys never (they would point verdicts elsewhere), nor reviewers.
@ApiTags('routing')
@Controller('projects/:projectId/routing/webhook')
export class WebhookController {
  constructor(private readonly webhooks: WebhookService) {}

  /** The address and whether a secret is set; never the secret. */
  @ProjectRole('engineer')
  @Get()
  get(@CurrentProject() c: Ctx): Promise<WebhookView> {
    return this.webhooks.get(c.id);
  }

  /** Sets the address and secret (made here when not sent); the answer shows the secret, once. */
  @ProjectRole('engineer')
  @Put()
  put(@CurrentProject() c: Ctx, @Body() body: PutWebhookDto): Promise<PutWebhookResponse> {
    return this.webhooks.put(c.id, body);
  }

  /** Verdicts are no longer pushed; pending deliveries become dead when their turn comes. */
  @ProjectRole('engineer')
  @Delete()
  @HttpCode(204)
  remove(@CurrentProject() c: Ctx): Promise<void> {
    return this.webhooks.remove(c.id);
  }

  /** Deliveries in a status (`dead` by default: the dead-letter list), oldest first. */
  @ProjectRole('engineer')
  @Get('deliveries')
  deliveries(@CurrentProject() c: Ctx, @Query() q: ListWebhookDeliveriesQueryDto): Promise<WebhookDeliveryPage> {
    return this.webhooks.deliveries(c.id, q);
  }

  /** Sends a dead delivery again, with a fresh set of attempts. */
  @ProjectRole('engineer')
  @Post('deliveries/:deliveryId/retry')
  @HttpCode(202)
  retry(@CurrentProject() c: Ctx, @Param('deliveryId') deliveryId: string): Promise<{ deliveryId: string; status: 'pending' }> {
    return this.webhooks.retry(c.id, deliveryId);
  }
}
