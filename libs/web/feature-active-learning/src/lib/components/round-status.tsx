import type { AlRound } from '@arbiter/contracts';
import { ProgressBar } from '@arbiter/web/ui';
import { roundText } from '../al-format';

export interface RoundStatusProps {
  /** The latest round, or null before the first. */
  round: AlRound | null;
}

/**
 * A round in flight as a progress bar: over the pool while scoring, indeterminate while queued, training or
 * selecting (there is no count to show); a finished one as a line saying what it did.
 */
export function RoundStatus({ round }: RoundStatusProps) {
  if (!round) {
    return (
      <p className="empty" data-testid="al-round-none">
        No rounds yet. A round trains a model on the labels so far, scores the unlabeled pool and puts the chosen batch at the front of the annotation queue.
      </p>
    );
  }
  if (round.status === 'done' || round.status === 'failed') {
    return (
      <p className={round.status === 'failed' ? 'field-error' : 'hint'} data-testid="al-round-status">
        {roundText(round)}
        {round.finishedAt && `, ${new Date(round.finishedAt).toLocaleTimeString()}`}.
      </p>
    );
  }
  const scoring = round.status === 'scoring' && round.poolSize > 0;
  return (
    <div data-testid="al-round-live" data-status={round.status}>
      <ProgressBar value={scoring ? round.scored : 0} max={scoring ? round.poolSize : null} label={roundText(round)} testId="al-round-progress" />
    </div>
  );
}
