export interface BarChartRow {
  key: string;
  name: string;
  value: number;
}

export interface BarChartProps {
  title: string;
  rows: BarChartRow[];
  testId?: string;
}

/** Horizontal CSS bars scaled to the largest value; the number is always printed beside its bar. */
export function BarChart({ title, rows, testId }: BarChartProps) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <figure className="bar-chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <ul>
        {rows.map((r) => (
          <li key={r.key} className="bar-chart__row" data-testid={`${testId ?? 'bar'}-row-${r.name}`}>
            <span className="bar-chart__name">{r.name}</span>
            <span className="bar-chart__bar" aria-hidden="true">
              <span style={{ width: `${(r.value / max) * 100}%` }} />
            </span>
            <span className="bar-chart__value">{r.value}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
