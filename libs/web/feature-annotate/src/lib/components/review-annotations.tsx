import type { LabelDef, ReviewItem } from '@arbiter/contracts';
import { sameLabels } from '../review-queue';

export interface ReviewAnnotationsProps {
  annotations: ReviewItem['annotations'];
  labels: LabelDef[];
  /** The consensus labels, highlighted wherever an annotator gave them. */
  consensus: number[] | null;
}

/** The k annotations side by side, each under its annotator's name; those departing from consensus stand out. */
export function ReviewAnnotations({ annotations, labels, consensus }: ReviewAnnotationsProps) {
  return (
    <ul className="review-annotations" aria-label="Annotations" data-testid="review-annotations">
      {annotations.map((a, i) => {
        const dissent = consensus !== null && !sameLabels(a.labels, consensus);
        return (
          <li
            key={`${a.userId}-${i}`}
            className={dissent ? 'review-annotation is-dissent' : 'review-annotation'}
            data-testid="review-annotation"
            data-annotator={a.name}
          >
            <span className="review-annotation__name">{a.name}</span>
            <span className="review-annotation__labels" data-testid="review-annotation-labels">
              {a.labels.length === 0 && <span className="muted">no label</span>}
              {a.labels.map((l) => (
                <span key={l} className={consensus?.includes(l) ? 'chip is-consensus' : 'chip'}>
                  {labels[l]?.name ?? `#${l}`}
                </span>
              ))}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
