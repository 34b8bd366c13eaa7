import type { LabelDef, ProjectStats } from '@arbiter/contracts';
import { BarChart, Card, CountTable, StatTile } from '@arbiter/web/ui';

export interface ProjectStatsPanelProps {
  stats: ProjectStats;
  labels: LabelDef[];
  live: boolean;
}

export function ProjectStatsPanel({ stats, labels, live }: ProjectStatsPanelProps) {
  // Every label of the schema gets a row, so a label nobody picked yet shows as 0 rather than missing.
  const byLabel = new Map(stats.byLabel.map((l) => [l.label, l]));
  const labelRows = labels.map((l, id) => ({ key: String(id), name: l.name, value: byLabel.get(id)?.count ?? 0 }));
  for (const l of stats.byLabel) if (l.label >= labels.length) labelRows.push({ key: String(l.label), name: l.name, value: l.count });

  return (
    <Card
      title="Progress"
      testId="project-stats"
      actions={
        <span className={live ? 'live is-live' : 'live'} data-testid="live-indicator">
          {live ? 'live' : 'offline'}
        </span>
      }
    >
      <div className="stat-tiles">
        <StatTile label="items" value={stats.items} testId="stat-items" />
        <StatTile label="new" value={stats.byStatus.new} testId="stat-new" />
        <StatTile label="in progress" value={stats.byStatus.in_progress} testId="stat-in-progress" />
        <StatTile label="completed" value={stats.byStatus.completed} testId="stat-completed" />
        <StatTile label="annotations" value={stats.annotations} testId="stat-annotations" />
      </div>
      <div className="two-columns">
        <BarChart title="Annotations per label" rows={labelRows} testId="per-label" />
        <CountTable
          caption="Annotations per annotator"
          nameHeader="Annotator"
          rows={stats.byAnnotator.map((a) => ({ key: a.userId, name: a.name, count: a.count }))}
          emptyText="No annotations yet"
          testId="per-annotator"
        />
      </div>
    </Card>
  );
}
