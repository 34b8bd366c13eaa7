import { exportUrl } from '@arbiter/web/data-access';

export interface ExportLinksProps {
  projectId: string;
}

export function ExportLinks({ projectId }: ExportLinksProps) {
  return (
    <span className="export-links">
      <a className="btn" href={exportUrl(projectId, 'jsonl')} download data-testid="export-jsonl">
        Export JSONL
      </a>
      <a className="btn" href={exportUrl(projectId, 'csv')} download data-testid="export-csv">
        Export CSV
      </a>
    </span>
  );
}
