import type { LabelSchema, ReviewItem } from '@arbiter/contracts';
import { formatShare, Kbd, LabelButton } from '@arbiter/web/ui';
import { formatDecidedAt, labelNames } from '../review-queue';
import { ItemView } from './item-view';
import { ReviewAnnotations } from './review-annotations';

export interface ReviewItemPanelProps {
  item: ReviewItem;
  labelSchema: LabelSchema;
  hotkeys: (string | null)[];
  selected: number[];
  /** "item 2 of 14 open". */
  positionText: string;
  onPick: (label: number) => void;
  /** `decide` an open item (the default), or `revise` a decided one, which also shows who decided what and when. */
  mode?: 'decide' | 'revise';
}

const REASONS = { disagreement: 'Annotators disagree', low_confidence: 'Low consensus confidence' } as const;

/** One item: why it is here, the consensus, the k annotations by name, and the label buttons to decide or revise. */
export function ReviewItemPanel({ item, labelSchema, hotkeys, selected, positionText, onPick, mode = 'decide' }: ReviewItemPanelProps) {
  const { labels, kind } = labelSchema;
  const consensus = item.consensus;
  const pickText = kind === 'single' ? 'Pick the right label' : 'Pick every label that applies';
  return (
    <>
      <div className="review-meta">
        <span className={`reason reason--${item.reason}`} data-testid="review-reason">
          {REASONS[item.reason]}
        </span>
        <span className="consensus-badge" data-testid="review-consensus">
          {consensus ? (
            <>
              Consensus <strong>{labelNames(labels, consensus.labels)}</strong> · {formatShare(consensus.confidence)} confident (
              {consensus.method})
            </>
          ) : (
            'No consensus'
          )}
        </span>
        <span className="muted review-meta__position" data-testid="review-position">
          {positionText}
        </span>
      </div>
      {mode === 'revise' && (
        <p className="decided-note" data-testid="review-decided">
          Decided <strong>{labelNames(labels, item.decision ?? item.gold ?? [])}</strong>
          {item.decidedBy && <> by {item.decidedBy.name}</>}
          {item.decidedAt && (
            <>
              {' '}
              on <time dateTime={item.decidedAt}>{formatDecidedAt(item.decidedAt)}</time>
            </>
          )}
        </p>
      )}
      <ItemView
        item={{
          id: item.itemId,
          externalId: item.externalId,
          text: item.text,
          imageUrl: item.imageUrl,
          metadata: item.metadata,
          suggestion: null,
        }}
      />
      <ReviewAnnotations annotations={item.annotations} labels={labels} consensus={consensus?.labels ?? null} />
      <div className="label-row" role="group" aria-label={mode === 'revise' ? 'Revised decision' : 'Decision'}>
        {labels.map((l, id) => (
          <LabelButton
            key={id}
            name={l.name}
            hotkey={hotkeys[id]}
            description={l.description}
            selected={selected.includes(id)}
            suggestedProbability={consensus?.labels.includes(id) ? consensus.confidence : null}
            suggestionSource="consensus"
            onToggle={() => onPick(id)}
          />
        ))}
      </div>
      <p className="muted annotate__mode">
        {mode === 'revise' ? (
          <>
            {pickText}, then press <Kbd keyName="Enter" /> to replace the item&apos;s gold.
          </>
        ) : (
          <>
            {pickText}, then press <Kbd keyName="Enter" /> to record it as the item&apos;s gold.
          </>
        )}
      </p>
    </>
  );
}
