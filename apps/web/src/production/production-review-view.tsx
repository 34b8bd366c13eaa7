import type { ProductionReview } from '@arbiter/contracts';
import { Kbd } from '@arbiter/web/ui';
import { REASON_TITLE, reasonText } from './review-words';
import { SlaCountdown } from './sla-countdown';

export interface ProductionReviewViewProps {
  review: ProductionReview;
  labels: readonly string[];
  /** Corrects the model's label to this one (a click does what the label's number key does). */
  onCorrect: (label: number) => void;
}

/**
 * One routed prediction as the reviewer judges it: the text and metadata the model saw, its calibrated probability
 * and the expected cost of acting on each label (the number key beside each corrects to it), why it was routed,
 * the model, and the SLA countdown when the review has a deadline.
 */
export function ProductionReviewView({ review, labels, onCorrect }: ProductionReviewViewProps) {
  const cheapest = review.expectedCosts.indexOf(Math.min(...review.expectedCosts));
  const metadata = Object.entries(review.item.metadata);
  return (
    <article className="item production-review" data-testid="production-review" data-review-id={review.reviewId}>
      <div className="review-meta">
        <span className="badge" data-testid="model">
          {review.model.name} {review.model.version}
        </span>
        {review.trainedOnSnapshot !== null && (
          // Relative to /projects/<id>/production-reviews: the project's snapshot page, at that version.
          <a className="muted" data-testid="trained-on" href={`snapshots?version=${review.trainedOnSnapshot}`}>
            trained on snapshot v{review.trainedOnSnapshot}
          </a>
        )}
        <span className="muted">
          prediction <code data-testid="prediction-id">{review.predictionId}</code> · policy v{review.policyVersion} · {new Date(review.createdAt).toLocaleString()}
        </span>
        {review.deadline !== null && <SlaCountdown deadline={review.deadline} />}
        {review.pool === 'senior' && (
          <span className="badge badge--danger" data-testid="senior-pool">
            past its deadline: escalated to engineers and owners
          </span>
        )}
      </div>
      {review.item.text !== null ? (
        <p className="item__text" data-testid="prediction-text">
          {review.item.text}
        </p>
      ) : (
        <p className="item__text muted" data-testid="prediction-text">
          Item #{review.item.itemId} of this project
        </p>
      )}
      {metadata.length > 0 && (
        <div className="item__metadata">
          Metadata
          <dl data-testid="prediction-metadata">
            {metadata.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{typeof v === 'string' ? v : JSON.stringify(v)}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}

      <h3 className="production-review__heading">Why it was routed</h3>
      <ul className="production-review__reasons" data-testid="reasons">
        {review.reasons.map((r, i) => (
          <li key={i} data-testid={`reason-${r.kind}`}>
            <span className="reason reason--low_confidence">{REASON_TITLE[r.kind]}</span> {reasonText(r, labels)}
          </li>
        ))}
      </ul>

      <table className="table production-review__labels" data-testid="label-table">
        <thead>
          <tr>
            <th scope="col">Correct to</th>
            <th scope="col">Calibrated probability</th>
            <th scope="col" title="Σ probability × cost of deciding this label when another is true">
              Expected cost of acting
            </th>
          </tr>
        </thead>
        <tbody>
          {labels.map((name, id) => {
            const p = review.calibratedProbs[id] ?? 0;
            const suggested = id === review.suggestedLabel;
            return (
              <tr key={id} className={suggested ? 'is-suggested' : undefined} data-testid={`label-row-${name}`}>
                <th scope="row">
                  <button type="button" className="label-button" onClick={() => onCorrect(id)} data-testid={`correct-${name}`}>
                    {id < 9 && <Kbd keyName={String(id + 1)} />} <span className="label-button__name">{name}</span>
                  </button>
                  {suggested && <span className="consensus-badge"> model’s label</span>}
                </th>
                <td>
                  <span className="accuracy-bar" title={`${(p * 100).toFixed(1)}%`}>
                    <span className="accuracy-bar__track" aria-hidden="true">
                      <span className="accuracy-bar__fill" style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }} />
                    </span>
                    <span className="accuracy-bar__value" data-testid="probability">
                      {(p * 100).toFixed(1)}%
                    </span>
                  </span>
                </td>
                <td className={id === cheapest ? 'production-review__cheapest' : undefined} data-testid="expected-cost">
                  {(review.expectedCosts[id] ?? 0).toFixed(3)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </article>
  );
}
