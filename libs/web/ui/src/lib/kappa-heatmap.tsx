import { formatCoefficient } from './stat-format';
import { kappaBand, kappaColor, kappaGradient, kappaTextColor } from './kappa-scale';

export interface KappaHeatmapProps {
  raters: { userId: string; name: string }[];
  /** Symmetric; `null` where kappa is undefined. */
  kappa: (number | null)[][];
  /** Items both raters labeled (the diagonal: items the rater labeled). */
  n: number[][];
  testId?: string;
}

/** The annotator × annotator Cohen's kappa matrix as a coloured table; every cell explains itself on hover. */
export function KappaHeatmap({ raters, kappa, n, testId = 'kappa-heatmap' }: KappaHeatmapProps) {
  if (raters.length === 0) return <p className="muted">No pairwise kappa: it needs a single-label project with annotations.</p>;
  // Rows and columns by name, so the same person sits in the same place on every report.
  const order = raters.map((_, i) => i).sort((a, b) => raters[a].name.localeCompare(raters[b].name));
  return (
    <figure className="heatmap" data-testid={testId}>
      <figcaption>Cohen&apos;s kappa between annotators (on the items both labeled)</figcaption>
      <div className="heatmap__scroll">
        <table className="heatmap__table">
          <thead>
            <tr>
              <td />
              {order.map((c) => (
                <th key={raters[c].userId} scope="col" title={raters[c].name} data-testid={`${testId}-col`}>
                  {raters[c].name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {order.map((i) => (
              <tr key={raters[i].userId}>
                <th scope="row" title={raters[i].name} data-testid={`${testId}-row`}>
                  {raters[i].name}
                </th>
                {order.map((j) => (
                  <HeatmapCell
                    key={raters[j].userId}
                    row={raters[i].name}
                    col={raters[j].name}
                    kappa={kappa[i]?.[j] ?? null}
                    n={n[i]?.[j] ?? 0}
                    self={i === j}
                  />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="heatmap__legend" aria-hidden="true">
        <span>−1 disagree</span>
        <span className="heatmap__ramp" style={{ background: kappaGradient() }} />
        <span>1 agree</span>
        <span className="heatmap__swatch is-null" /> <span>undefined</span>
      </div>
    </figure>
  );
}

interface HeatmapCellProps {
  row: string;
  col: string;
  kappa: number | null;
  n: number;
  self: boolean;
}

function HeatmapCell({ row, col, kappa, n, self }: HeatmapCellProps) {
  const items = `${n} item${n === 1 ? '' : 's'}`;
  const common = { 'data-row': row, 'data-col': col, 'data-testid': 'kappa-cell' };
  if (self)
    return (
      <td className="heatmap__cell is-self" title={`${row} labeled ${items}`} {...common}>
        <span className="heatmap__n">n {n}</span>
      </td>
    );
  if (kappa === null) {
    const why = n === 0 ? 'no item labeled by both' : 'one label used by both: kappa is 0/0';
    return (
      <td className="heatmap__cell is-null" title={`${row} × ${col}: kappa undefined (${why}); ${items} both labeled`} {...common}>
        <span className="heatmap__value">—</span>
        <span className="heatmap__n">n {n}</span>
      </td>
    );
  }
  const background = kappaColor(kappa);
  const value = formatCoefficient(kappa);
  return (
    <td
      className="heatmap__cell"
      style={{ background, color: kappaTextColor(background) }}
      title={`${row} × ${col}: κ = ${value} (${kappaBand(kappa)}) on ${items} both labeled`}
      {...common}
    >
      <span className="heatmap__value">{value}</span>
      <span className="heatmap__n">n {n}</span>
    </td>
  );
}
