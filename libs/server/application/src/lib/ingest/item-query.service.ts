import { Injectable } from '@nestjs/common';
import type { Item, ItemPage, ListItemsQuery } from '@arbiter/contracts';
import { ItemRepository } from '@arbiter/server/data-access';
import { notFound } from '../errors/arbiter.error';

const ITEM_ID = /^[1-9][0-9]{0,18}$/;

@Injectable()
export class ItemQueryService {
  constructor(private readonly items: ItemRepository) {}

  async list(projectId: string, q: ListItemsQuery): Promise<ItemPage> {
    const items = (await this.items.list(projectId, q.after, q.limit, q.status)) as Item[];
    return { items, nextAfter: items.length === q.limit ? items[items.length - 1].id : null };
  }

  async get(projectId: string, itemId: string): Promise<Item> {
    const item = ITEM_ID.test(itemId) ? await this.items.get(projectId, itemId) : null;
    if (!item) throw notFound('item');
    return item as Item;
  }
}
