import type { ImportReport } from '@arbiter/contracts';

export interface ImportReportViewProps {
  report: ImportReport;
}

export function ImportReportView({ report }: ImportReportViewProps) {
  return (
    <div className="import-report" data-testid="import-report">
      {/* A rejected import comes with the server's error message above it, which says so. */}
      {report.committed && (
        <p className="alert alert--ok" role="status">
          Import saved.
        </p>
      )}
      <dl className="numbers">
        <div>
          <dt>rows read</dt>
          <dd data-testid="import-rows-read">{report.rowsRead}</dd>
        </div>
        <div>
          <dt>inserted</dt>
          <dd data-testid="import-inserted">{report.inserted}</dd>
        </div>
        <div>
          <dt>duplicates</dt>
          <dd data-testid="import-duplicates">{report.duplicates}</dd>
        </div>
        <div>
          <dt>rejected</dt>
          <dd data-testid="import-rejected">{report.rejected}</dd>
        </div>
      </dl>
      {report.errors.length > 0 && (
        <table className="table" data-testid="import-errors">
          <caption>
            Row errors{report.errorsTruncated ? ' (first ones only)' : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Field</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.map((e, i) => (
              <tr key={i}>
                <td className="num">{e.line}</td>
                <td>{e.field ?? ''}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
