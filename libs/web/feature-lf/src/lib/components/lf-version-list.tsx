import type { LabelDef, LfDefinitionDto } from '@arbiter/contracts';
import { errorView, useLfVersions } from '@arbiter/web/data-access';
import { ErrorMessage } from '@arbiter/web/ui';
import { definitionSummary, versionText } from '../lf-format';

export interface LfVersionListProps {
  projectId: string;
  lfId: string;
  currentVersion: number;
  labels: LabelDef[];
  /** Puts an earlier version's definition in the editor; saving it makes it the next version. */
  onLoad: (definition: LfDefinitionDto) => void;
}

/** An LF's versions, newest first, with who wrote each; any one can be loaded back into the editor. */
export function LfVersionList({ projectId, lfId, currentVersion, labels, onLoad }: LfVersionListProps) {
  const versions = useLfVersions(projectId, lfId);
  if (versions.isError) return <ErrorMessage {...errorView(versions.error)} />;
  if (!versions.data || versions.data.length < 2) return null;
  return (
    <details className="lf-versions" data-testid="lf-versions">
      <summary>History ({versions.data.length} versions)</summary>
      <ol reversed>
        {versions.data.map((v) => (
          <li key={v.id} data-testid="lf-history-version">
            <strong>{versionText(v.version)}</strong> <span className="muted">by {v.author.name}, {new Date(v.createdAt).toLocaleString()}</span>{' '}
            <code>{definitionSummary(v.definition, labels)}</code>
            {v.error && <span className="field-error"> error: {v.error.message}</span>}{' '}
            {v.version === currentVersion ? (
              <span className="badge">current</span>
            ) : (
              <button type="button" className="btn btn--small" onClick={() => onLoad(v.definition)}>
                Load
              </button>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}
