import { Injectable } from '@nestjs/common';
import { isItemId, type Item, type ItemPage, type ListItemsQuery } from '@arbiter/contracts';
import { ItemRepository } from '@arbiter/server/data-access';
import { notFound } from '../errors/arbiter.error';


@Injectable()
export class ItemQueryService {
  constructor(private readonly items: ItemRepository) {}

  async list(projectId: string, q: ListItemsQuery): Promise<ItemPage> {
    const items = (await this.items.list(projectId, q.after, q.limit, q.status)) as Item[];
    return { items, nextAfter: items.length === q.limit ? items[items.length - 1].id : null };
  }

  async get(projectId: string, itemId: string): Promise<Item> {
    const item = isItemId(itemId) ? await this.items.get(projectId, itemId) : null;
    if (!item) throw notFound('item');
    return item as Item;
  }
}
