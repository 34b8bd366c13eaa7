import type { LabelDef, LfPreviewResponse } from '@arbiter/contracts';
import { formatCount, formatFraction, labelName } from '../lf-format';

export interface LfPreviewViewProps {
  preview: LfPreviewResponse;
  labels: LabelDef[];
  /** The draft changed since this preview was made. */
  stale: boolean;
  /** The draft edits a saved LF, whose stored votes count among the others. */
}

/** What a definition would do on the sample: coverage and votes, accuracy on gold, overlaps, examples. */
export function LfPreviewView({ preview, labels, stale }: LfPreviewViewProps) {
  const voted = preview.votes.reduce((n, v) => n + v.count, 0);
  const { gold } = preview;
  return (
    <section className="lf-preview" aria-label="Preview" data-testid="lf-preview">
      <h3>
        Preview on {formatCount(preview.sampled)} items <span className="muted lf-preview__elapsed">in {formatCount(Math.round(preview.elapsedMs))} ms</span>
      </h3>
      {stale && <p className="hint">The definition changed since this preview: preview again to see its figures.</p>}
      {preview.partial && (
        <p className="alert" role="status" data-testid="lf-preview-partial">
          Partial: {preview.partialReason ?? `${formatCount(preview.sampled)} of ${formatCount(preview.sampleSize)} items were evaluated in the time allowed`}
        </p>
      )}
      {preview.error && (
        <div className="alert alert--error" role="alert" data-testid="lf-preview-lf-error">
          <strong>The LF failed{preview.error.itemId === null ? '' : ` on item ${preview.error.itemId}`}:</strong> {preview.error.message}
        </div>
      )}
      <dl className="numbers lf-preview__numbers">
        <div>
          <dt>Coverage</dt>
          <dd data-testid="lf-preview-coverage">{formatFraction(preview.coverage)}</dd>
          <dd className="lf-preview__detail" data-testid="lf-preview-votes">
            {formatCount(voted)} votes
            {preview.votes.length > 0 && `: ${preview.votes.map((v) => `${labelName(labels, v.label)} ${formatCount(v.count)}`).join(', ')}`}
          </dd>
        </div>
        <div>
          <dt>Accuracy on gold</dt>
          <dd data-testid="lf-preview-accuracy">{formatFraction(gold.accuracy)}</dd>
          <dd className="lf-preview__detail" data-testid="lf-preview-gold">
            {formatCount(gold.correct)} correct, {formatCount(gold.incorrect)} incorrect of {formatCount(gold.items)} gold items
          </dd>
        </div>
        <div>
          <dt>Overlaps</dt>
          <dd data-testid="lf-preview-overlaps">{formatFraction(preview.overlaps)}</dd>
          <dd className="lf-preview__detail">with the other enabled LFs</dd>
        </div>
        <div>
          <dt>Conflicts</dt>
          <dd data-testid="lf-preview-conflicts">{formatFraction(preview.conflicts)}</dd>
          <dd className="lf-preview__detail">another LF votes otherwise</dd>
        </div>
      </dl>
      {preview.examples.length > 0 && (
        <div className="table-scroll">
          <table className="table lf-preview__examples" data-testid="lf-preview-examples">
            <caption>Examples</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Text</th>
                <th scope="col">Vote</th>
                <th scope="col">Gold</th>
              </tr>
            </thead>
            <tbody>
              {preview.examples.map((ex) => {
                const wrong = ex.gold !== null && ex.vote !== -1 && ex.vote !== ex.gold;
                return (
                  <tr key={ex.itemId} className={wrong ? 'is-wrong' : undefined} data-testid="lf-preview-example">
                    <td className="muted">{ex.itemId}</td>
                    <td className="lf-preview__text">{ex.text}</td>
                    <td data-testid="lf-preview-example-vote">{labelName(labels, ex.vote)}</td>
                    <td>{ex.gold === null ? <span className="muted">—</span> : labelName(labels, ex.gold)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
