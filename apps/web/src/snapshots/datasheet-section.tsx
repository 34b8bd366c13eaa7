import { LABEL_SOURCES, SPLITS, type Datasheet, type SnapshotManifest } from '@arbiter/contracts';
import { useMemo } from 'react';
import { CountsChart } from './counts-chart';
import { countsTable } from './datasheet-counts';
import { DownloadsTable } from './downloads-table';
import { exclusionLines, percentText, policySentence, SOURCE_WORDS } from './snapshot-words';

export interface DatasheetSectionProps {
  projectId: string;
  datasheet: Datasheet;
  /** Null until loaded: the downloads and hashes wait for it, the datasheet does not. */
  manifest: SnapshotManifest | null;
}

/** One complete version's datasheet: counts (table and chart), labels, sources, agreement, exclusions, policy, downloads. */
export function DatasheetSection({ projectId, datasheet: d, manifest }: DatasheetSectionProps) {
  const table = useMemo(() => countsTable(d.counts, manifest?.labels ?? []), [d.counts, manifest]);
  return (
    <div className="datasheet" data-testid="datasheet">
      <div className="datasheet__columns">
        <div>
          <h3>Rows by split and label</h3>
          <table className="table" data-testid="counts-table">
            <thead>
              <tr>
                <th scope="col">Label</th>
                {SPLITS.map((s) => (
                  <th key={s} scope="col" className="num">
                    {s}
                  </th>
                ))}
                <th scope="col" className="num">
                  all
                </th>
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr key={r.label} data-testid={`counts-row-${r.label}`}>
                  <th scope="row">{r.label}</th>
                  {SPLITS.map((s) => (
                    <td key={s} className="num" data-testid={`count-${s}`}>
                      {r.bySplit[s]}
                    </td>
                  ))}
                  <td className="num" data-testid="count-all">
                    {r.total}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-testid="counts-total">
                <th scope="row">Total</th>
                {SPLITS.map((s) => (
                  <td key={s} className="num" data-testid={`count-${s}`}>
                    {table.totals[s]}
                  </td>
                ))}
                <td className="num" data-testid="count-all">
                  {table.total}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
        <CountsChart table={table} />
      </div>

      <div className="datasheet__facts">
        <section aria-label="Label distribution">
          <h3>Label distribution</h3>
          <ul className="plain-list" data-testid="label-distribution">
            {table.rows.map((r) => (
              <li key={r.label}>
                {r.label}: {percentText(d.labelDistribution[r.label] ?? 0)}
              </li>
            ))}
          </ul>
        </section>
        <section aria-label="Sources">
          <h3>Sources</h3>
          <ul className="plain-list" data-testid="datasheet-sources">
            {LABEL_SOURCES.filter((s) => (d.sources[s] ?? 0) > 0).map((s) => (
              <li key={s} data-testid={`source-${s}`}>
                {SOURCE_WORDS[s]}: {d.sources[s]}
              </li>
            ))}
          </ul>
        </section>
        <section aria-label="Agreement">
          <h3>Agreement</h3>
          <p data-testid="datasheet-agreement">
            {d.agreement.mean === null
              ? 'No row had two or more annotators.'
              : `${percentText(d.agreement.mean)} mean agreement over ${d.agreement.rows} rows with two or more annotators.`}
          </p>
        </section>
        <section aria-label="Left out">
          <h3>Left out</h3>
          <ul className="plain-list" data-testid="datasheet-exclusions">
            {exclusionLines(d.exclusions).map((l) => (
              <li key={l.key} className={l.count === 0 ? 'muted' : undefined} data-testid={`exclusion-${l.key}`}>
                {l.count} item{l.count === 1 ? '' : 's'}: {l.text}
              </li>
            ))}
          </ul>
        </section>
      </div>
      <p data-testid="datasheet-policy">
        <strong>Policy.</strong> {policySentence(d.policy)}
      </p>

      <h3>Download</h3>
      {manifest ? <DownloadsTable projectId={projectId} manifest={manifest} /> : <p className="muted">Loading the manifest…</p>}
    </div>
  );
}
