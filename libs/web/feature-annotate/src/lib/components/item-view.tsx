import type { TaskItem } from '@arbiter/contracts';
import { ChosenBy } from './chosen-by';

export interface ItemViewProps {
  item: TaskItem;
}

export function ItemView({ item }: ItemViewProps) {
  const metadata = Object.entries(item.metadata);
  return (
    <article className="item" aria-label="Item to label" data-item-id={item.id}>
      {item.externalId && <p className="item__id muted">#{item.externalId}</p>}
      {item.imageUrl && /^https?:\/\//i.test(item.imageUrl) && <img className="item__image" src={item.imageUrl} alt="" />}
      <p className="item__text" data-testid="item-text">
        {item.text}
      </p>
      {item.chosenBy && <ChosenBy reason={item.chosenBy} />}
      {metadata.length > 0 && (
        <details className="item__metadata">
          <summary>Metadata ({metadata.length})</summary>
          <dl>
            {metadata.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </article>
  );
}
