// Reading items: keyset pages that also stop at the byte budget (PAGE_MAX_BYTES), and single items.
import { Inject, Injectable, Optional } from '@nestjs/common';
import { isItemId, type Item, type ItemPage, type ListItemsQuery } from '@arbiter/contracts';
import { ItemRepository } from '@arbiter/server/data-access';
import { notFound } from '../errors/arbiter.error';
import { DEFAULT_PAYLOAD_LIMITS, PAYLOAD_LIMITS, type PayloadLimits } from './payload-limits';

@Injectable()
export class ItemQueryService {
  private readonly pageMaxBytes: number;

  constructor(
    private readonly items: ItemRepository,
    @Optional() @Inject(PAYLOAD_LIMITS) limits?: PayloadLimits,
  ) {
    this.pageMaxBytes = (limits ?? DEFAULT_PAYLOAD_LIMITS).pageMaxBytes;
  }

  /** `nextAfter` continues the listing whenever the page is full or was cut short by the byte budget. */
  async list(projectId: string, q: ListItemsQuery): Promise<ItemPage> {
    const page = await this.items.list(projectId, q.after, q.limit, this.pageMaxBytes, q.status);
    const items = page.rows as Item[];
    const more = page.more || items.length === q.limit;
    return { items, nextAfter: more ? items[items.length - 1].id : null };
  }

  async get(projectId: string, itemId: string): Promise<Item> {
    const item = isItemId(itemId) ? await this.items.get(projectId, itemId) : null;
    if (!item) throw notFound('item');
    return item as Item;
  }
}
