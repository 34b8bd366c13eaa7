import type { RandomComparison, ReachSummary } from '../learning-curve-math';

export interface ReachCellsProps {
  reach: ReachSummary;
  /** Null for random itself, or when the replay has no random runs. */
  versus: RandomComparison | null;
}

const labels = (x: number) => Math.round(x).toLocaleString('en-US');

/** One target's two cells: mean labels to reach it (with the seeds that did), and the ratio to random. */
export function ReachCells({ reach, versus }: ReachCellsProps) {
  const pct = Math.round(reach.fraction * 100);
  // Say when the ratio rests on fewer seeds than the strategy ran.
  const paired = versus && versus.seeds.length < reach.runs ? ` (${versus.seeds.length} seed${versus.seeds.length === 1 ? '' : 's'})` : '';
  return (
    <>
      <td className="num" data-testid={`reach-${pct}`}>
        {reach.meanLabels === null ? <span className="muted">not reached</span> : labels(reach.meanLabels)}
        <span className="al-reach__seeds muted">
          {' '}
          {reach.reached}/{reach.runs}
        </span>
      </td>
      <td className="num" data-testid={`ratio-${pct}`}>
        {versus?.ratio != null ? `${versus.ratio.toFixed(2)}×${paired}` : '—'}
      </td>
    </>
  );
}
