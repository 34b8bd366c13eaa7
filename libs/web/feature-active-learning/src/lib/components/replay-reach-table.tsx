import { Fragment } from 'react';
import type { StrategyReplay } from '../replay-summary';
import { formatMetric, STRATEGY_NAMES } from '../al-format';
import { ReachCells } from './reach-cells';

export interface ReplayReachTableProps {
  /** Random first, as `summariseReplay` orders them. */
  strategies: StrategyReplay[];
}

const name = (s: string) => (s in STRATEGY_NAMES ? STRATEGY_NAMES[s as keyof typeof STRATEGY_NAMES] : s);

/**
 * Labels each strategy needed to reach 95% and 98% of full-data accuracy (mean over the seeds that did, with how many
 * did), and that cost over random's on the same seeds: below 1× saves labels.
 */
export function ReplayReachTable({ strategies }: ReplayReachTableProps) {
  const fractions = strategies[0]?.summary.reach.map((r) => r.fraction) ?? [];
  return (
    <div className="table-scroll">
      <table className="table al-reach" data-testid="replay-reach">
        <thead>
          <tr>
            <th scope="col">Strategy</th>
            {fractions.map((f) => (
              <Fragment key={f}>
                <th scope="col" className="num">
                  Labels to {Math.round(f * 100)}%
                </th>
                <th scope="col" className="num">
                  × random
                </th>
              </Fragment>
            ))}
            <th scope="col" className="num">
              Full-data accuracy
            </th>
          </tr>
        </thead>
        <tbody>
          {strategies.map(({ strategy, summary, versusRandom }) => (
            <tr key={strategy} data-testid={`replay-row-${strategy}`}>
              <th scope="row">{name(strategy)}</th>
              {summary.reach.map((reach, i) => (
                <ReachCells key={reach.fraction} reach={reach} versus={versusRandom[i] ?? null} />
              ))}
              <td className="num">
                {formatMetric(summary.fullAccuracy.mean)}{' '}
                <span className="muted">
                  ({formatMetric(summary.fullAccuracy.min)}–{formatMetric(summary.fullAccuracy.max)})
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        Targets are fractions of each run’s own full-data accuracy (the same model trained on every labeled item). Counts are interpolated between
        batches; n/m is how many seeds reached the target within the budget, and the mean is over those. × random divides by random’s mean on the
        seeds both reached it on.
      </p>
    </div>
  );
}
