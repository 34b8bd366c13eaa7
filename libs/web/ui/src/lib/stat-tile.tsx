export interface StatTileProps {
  label: string;
  value: number;
  testId?: string;
}

export function StatTile({ label, value, testId }: StatTileProps) {
  return (
    <div className="stat-tile">
      <span className="stat-tile__value" data-testid={testId}>
        {value}
      </span>
      <span className="stat-tile__label">{label}</span>
    </div>
  );
}
