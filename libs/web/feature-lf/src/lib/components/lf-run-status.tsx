import type { LfRun } from '@arbiter/contracts';
import { ProgressBar } from '@arbiter/web/ui';
import { runText } from '../lf-format';

export interface LfRunStatusProps {
  run: LfRun | null;
}

/** A running run as a progress bar over its items; a finished one as a line saying what it did. */
export function LfRunStatus({ run }: LfRunStatusProps) {
  if (!run) return null;
  if (run.status === 'running') {
    return <ProgressBar value={run.itemsDone} max={run.itemsTotal > 0 ? run.itemsTotal : null} label={runText(run)} testId="lf-run-progress" />;
  }
  return (
    <p className={run.status === 'failed' ? 'field-error' : 'hint'} data-testid="lf-run-status">
      {runText(run)}
      {run.finishedAt && `, ${new Date(run.finishedAt).toLocaleTimeString()}`}.
    </p>
  );
}
