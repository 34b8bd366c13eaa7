import { errorView, useCreateReplay, useReplay } from '@arbiter/web/data-access';
import { Card, ErrorMessage } from '@arbiter/web/ui';
import { useMemo } from 'react';
import { meanFullAccuracy, summariseReplay, type StrategyReplay } from '../replay-summary';
import { ReplayChart } from './replay-chart';
import { ReplayForm } from './replay-form';
import { ReplayReachTable } from './replay-reach-table';
import { ReplayStatus } from './replay-status';

export interface ReplaySectionProps {
  projectId: string;
  /** Engineers and owners start replays; everyone on the screen sees one opened by its link. */
  canStart: boolean;
  /** The replay shown (from the page's address, so a reload keeps it), or null. */
  replayId: string | null;
  onReplayChange: (replayId: string) => void;
}

type Summary = { ok: true; strategies: StrategyReplay[]; fullAccuracy: number | null } | { ok: false; message: string };

/** Replays: the form, the replay's progress (from `project:al-replay`), its curves and the labels-to-reach table. */
export function ReplaySection({ projectId, canStart, replayId, onReplayChange }: ReplaySectionProps) {
  const replay = useReplay(projectId, replayId);
  const create = useCreateReplay(projectId);
  const data = replay.data;
  const running = data?.status === 'queued' || data?.status === 'running';
  const results = data?.results;
  const summary = useMemo((): Summary | null => {
    if (!results || results.length === 0) return null;
    try {
      const strategies = summariseReplay(results);
      return { ok: true, strategies, fullAccuracy: meanFullAccuracy(strategies) };
    } catch (err) {
      // The shared arithmetic refuses malformed curves (labels not increasing, a non-finite accuracy).
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  }, [results]);

  return (
    <Card title="Replay: compare strategies on this project’s labels" testId="replay">
      {canStart && (
        <ReplayForm
          canStart={!running}
          starting={create.isPending}
          error={create.isError ? errorView(create.error) : null}
          onStart={(body) => create.mutate(body, { onSuccess: (r) => onReplayChange(r.id) })}
        />
      )}
      {replay.isError && <ErrorMessage {...errorView(replay.error)} testId="replay-load-error" />}
      {data && <ReplayStatus replay={data} />}
      {summary && !summary.ok && <ErrorMessage message={`Cannot draw this replay: ${summary.message}`} testId="replay-summary-error" />}
      {summary?.ok && summary.strategies.length > 0 && (
        <div className="al-replay-results">
          <ReplayChart strategies={summary.strategies} fullAccuracy={summary.fullAccuracy} />
          <ReplayReachTable strategies={summary.strategies} />
        </div>
      )}
      {!data && !replay.isError && !canStart && <p className="empty">No replay to show.</p>}
    </Card>
  );
}
