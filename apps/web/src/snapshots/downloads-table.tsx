import { SNAPSHOT_FORMATS, SPLITS, type SnapshotManifest } from '@arbiter/contracts';
import { snapshotRowsUrl } from '@arbiter/web/data-access';
import { CopyHash } from './copy-hash';

export interface DownloadsTableProps {
  projectId: string;
  manifest: SnapshotManifest;
}

/** Per split (and all): rows, the manifest's content hash, and links to the rows as JSONL, CSV and Parquet (same-origin GETs). */
export function DownloadsTable({ projectId, manifest }: DownloadsTableProps) {
  return (
    <table className="table" data-testid="downloads">
      <thead>
        <tr>
          <th scope="col">Split</th>
          <th scope="col" className="num">
            Rows
          </th>
          <th scope="col">Content hash (JSONL)</th>
          <th scope="col">Files</th>
        </tr>
      </thead>
      <tbody>
        {[...SPLITS, 'all' as const].map((split) => (
          <tr key={split} data-testid={`download-${split}`}>
            <th scope="row">{split}</th>
            <td className="num">{split === 'all' ? manifest.rowCount : manifest.splits[split].rows}</td>
            <td>
              <CopyHash hash={split === 'all' ? manifest.contentHash : manifest.splits[split].contentHash} testId={`split-hash-${split}`} />
            </td>
            <td>
              {SNAPSHOT_FORMATS.map((f) => (
                <a key={f} className="btn btn--small" href={snapshotRowsUrl(projectId, manifest.version, split, f)} download data-testid={`download-${split}-${f}`}>
                  {f === 'jsonl' ? 'JSONL' : f === 'csv' ? 'CSV' : 'Parquet'}
                </a>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
