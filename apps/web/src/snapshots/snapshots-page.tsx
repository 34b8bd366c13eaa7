// The snapshots screen (issue 11), for reviewers and up: every version with its build live from the socket, the
// selected one's datasheet (counts as a table and a stacked bar chart, sources, agreement, exclusions, policy,
// downloads), a diff between two versions, and the split settings. Engineers and owners create and retry; owners
// edit the split settings.
import { ROLE_RANK, type CreateSnapshotRequest } from '@arbiter/contracts';
import {
  errorView,
  useCreateSnapshot,
  useProject,
  useProjectSocket,
  useRetrySnapshot,
  useSnapshotDatasheet,
  useSnapshotManifest,
  useSnapshots,
  useSplitSettings,
} from '@arbiter/web/data-access';
import { AppLink, Card, ErrorMessage, ErrorPage, Kbd, LoadingPage } from '@arbiter/web/ui';
import { useState } from 'react';
import { DatasheetSection } from './datasheet-section';
import { DiffSection } from './diff-section';
import { defaultDiffPair } from './diff-lists';
import { NEW_SNAPSHOT_KEY, NewSnapshotForm } from './new-snapshot-form';
import { shownVersion, steppedVersion } from './snapshot-selection';
import { SnapshotList } from './snapshot-list';
import { SplitSettingsPanel } from './split-settings-panel';
import { useSnapshotKeys } from './use-snapshot-keys';
import './snapshots.css';

export interface SnapshotsPageProps {
  projectId: string;
  projectHref: string;
  /** The version to open on (from `?version=`); the newest otherwise. */
  initialVersion?: number | null;
}

export function SnapshotsPage({ projectId, projectHref, initialVersion = null }: SnapshotsPageProps) {
  const project = useProject(projectId);
  if (project.isPending) return <LoadingPage what="project" />;
  if (project.isError) return <ErrorPage error={errorView(project.error)} backHref={projectHref} backLabel="Back to the project" />;
  const rank = ROLE_RANK[project.data.myRole];
  if (rank < ROLE_RANK.reviewer) {
    return <ErrorPage error={{ message: 'Snapshots are for reviewers, engineers and owners of this project.' }} backHref={projectHref} backLabel="Back to the project" />;
  }
  return (
    <SnapshotsView
      projectId={projectId}
      projectName={project.data.name}
      projectHref={projectHref}
      canCreate={rank >= ROLE_RANK.engineer}
      canEditSplits={project.data.myRole === 'owner'}
      initialVersion={initialVersion}
    />
  );
}

const FORM_ID = 'new-snapshot-form';

interface SnapshotsViewProps {
  projectId: string;
  projectName: string;
  projectHref: string;
  canCreate: boolean;
  canEditSplits: boolean;
  initialVersion: number | null;
}

function SnapshotsView({ projectId, projectName, projectHref, canCreate, canEditSplits, initialVersion }: SnapshotsViewProps) {
  const socket = useProjectSocket(projectId);
  const snapshots = useSnapshots(projectId);
  const splitSettings = useSplitSettings(projectId);
  const create = useCreateSnapshot(projectId);
  const retry = useRetrySnapshot(projectId);
  const [chosen, setChosen] = useState<number | null>(initialVersion);
  const [diffPair, setDiffPair] = useState<{ from: number; to: number } | null>(null);

  const list = snapshots.data?.snapshots ?? [];
  const shown = shownVersion(list, chosen);
  const shownView = list.find((s) => s.version === shown) ?? null;
  const complete = list.filter((s) => s.status === 'complete').map((s) => s.version);
  const completeShown = shownView?.status === 'complete' ? shownView.version : null;
  const datasheet = useSnapshotDatasheet(projectId, completeShown);
  const manifest = useSnapshotManifest(projectId, completeShown);
  const pair = diffPair && complete.includes(diffPair.from) && complete.includes(diffPair.to) ? diffPair : defaultDiffPair(complete, shown);

  const select = (version: number | null) => {
    setChosen(version);
    setDiffPair(null);
  };
  const onCreate = (body: CreateSnapshotRequest) => create.mutate(body, { onSuccess: (view) => select(view.version) });
  // `n` submits the form, so the key sends the policy the form shows, checked the same way.
  const submitForm = () => (document.getElementById(FORM_ID) as HTMLFormElement | null)?.requestSubmit();
  useSnapshotKeys({ create: canCreate && !create.isPending ? submitForm : null, move: (step) => select(steppedVersion(list, shown, step)) });

  return (
    <main className="page page--wide snapshots">
      <nav className="breadcrumbs">
        <AppLink href={projectHref}>{projectName}</AppLink> / <span>Snapshots</span>
      </nav>
      <header className="page__header">
        <div>
          <h1>Snapshots</h1>
          <p className="muted">Immutable, versioned datasets with a fixed train/valid/test split, for retraining jobs to pull.</p>
          <p className="hint" data-testid="snapshot-keys">
            <Kbd keyName="ArrowUp" />/<Kbd keyName="k" /> newer · <Kbd keyName="ArrowDown" />/<Kbd keyName="j" /> older
            {canCreate && (
              <>
                {' '}
                · <Kbd keyName={NEW_SNAPSHOT_KEY} /> new snapshot
              </>
            )}
          </p>
        </div>
      </header>
      {socket.error && <p className="hint">Live updates unavailable: {socket.error}</p>}
      <Card title="Versions" testId="snapshot-versions">
        {canCreate && <NewSnapshotForm formId={FORM_ID} onCreate={onCreate} pending={create.isPending} />}
        {create.isError && <ErrorMessage {...errorView(create.error)} testId="create-error" />}
        {retry.isError && <ErrorMessage {...errorView(retry.error)} testId="retry-error" />}
        {snapshots.isError && <ErrorMessage {...errorView(snapshots.error)} />}
        {snapshots.isPending && <p className="muted">Loading snapshots…</p>}
        {snapshots.isSuccess && list.length === 0 && (
          <p className="empty" data-testid="snapshots-empty">
            No snapshots yet.{canCreate ? ' Start the first with New snapshot.' : ' An engineer or the owner starts them.'}
          </p>
        )}
        {list.length > 0 && (
          <SnapshotList
            snapshots={list}
            builds={socket.snapshotBuilds}
            selected={shown}
            onSelect={select}
            onRetry={canCreate ? (v) => retry.mutate(v) : null}
            retrying={retry.isPending ? (retry.variables ?? null) : null}
          />
        )}
      </Card>
      {shownView && (
        <Card title={`Datasheet of v${shownView.version}`} testId="datasheet-card">
          {shownView.status === 'building' && <p className="muted" data-testid="datasheet-waiting">v{shownView.version} is building: its datasheet appears when it completes.</p>}
          {shownView.status === 'failed' && (
            <p className="muted" data-testid="datasheet-waiting">
              v{shownView.version} failed{shownView.error ? ` (${shownView.error})` : ''}: it has no datasheet.{canCreate ? ' Retry it from the list.' : ''}
            </p>
          )}
          {datasheet.isError && <ErrorMessage {...errorView(datasheet.error)} />}
          {datasheet.data && <DatasheetSection projectId={projectId} datasheet={datasheet.data} manifest={manifest.data ?? null} />}
        </Card>
      )}
      {complete.length >= 2 && pair && (
        <Card title="Changes between versions" testId="diff-card">
          <DiffSection projectId={projectId} versions={complete} from={pair.from} to={pair.to} onChange={setDiffPair} />
        </Card>
      )}
      {splitSettings.data && <SplitSettingsPanel projectId={projectId} settings={splitSettings.data} canEdit={canEditSplits} />}
      {splitSettings.isError && <ErrorMessage {...errorView(splitSettings.error)} />}
    </main>
  );
}
