import type { Replay } from '@arbiter/contracts';
import { ProgressBar } from '@arbiter/web/ui';

export interface ReplayStatusProps {
  replay: Replay;
}

/** A replay in flight as a bar over its runs (strategies × seeds); a finished one as a line. */
export function ReplayStatus({ replay }: ReplayStatusProps) {
  const runs = `${replay.runsDone} of ${replay.runsTotal} runs`;
  if (replay.status === 'failed') {
    return (
      <p className="field-error" data-testid="replay-status">
        Replay failed after {runs}: {replay.error ?? 'no reason given'}.
      </p>
    );
  }
  if (replay.status === 'done') {
    return (
      <p className="hint" data-testid="replay-status">
        Replay done: {runs}, started {new Date(replay.createdAt).toLocaleString()}.
      </p>
    );
  }
  return (
    <ProgressBar
      value={replay.runsDone}
      max={replay.runsTotal > 0 ? replay.runsTotal : null}
      label={replay.status === 'queued' ? 'Replay queued…' : `Replaying: ${runs}`}
      testId="replay-progress"
    />
  );
}
