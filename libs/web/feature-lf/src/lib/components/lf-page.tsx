// The labeling-functions screen: the label model and the run in progress, Snorkel's LF analysis table, and (for
// engineers and owners) the editor. Everything on it stays live through the project's socket room.
import { ROLE_RANK, type Lf } from '@arbiter/contracts';
import { errorView, useLfs, useProject, useProjectSocket, useStartLfRun, useUpdateLf } from '@arbiter/web/data-access';
import { AppLink, Card, ErrorMessage, ErrorPage, LoadingPage, nextSort, type SortState } from '@arbiter/web/ui';
import { useState } from 'react';
import { DEFAULT_LF_SORT, firstDirection, type LfColumnKey } from '../lf-columns';
import { LabelModelPanel } from './label-model-panel';
import { LfEditor } from './lf-editor';
import { LfRunStatus } from './lf-run-status';
import { LfTable } from './lf-table';
import './lf-page.css';

export interface LfPageProps {
  projectId: string;
  projectHref: string;
  projectsHref: string;
}

interface Editing {
  lf: Lf | null;
  /** A new value remounts the editor with a fresh draft. */
  session: number;
}

/** The list's copy of the LF once it has caught up with what was saved, else the saved answer itself. */
function latest(saved: Lf | null, listed: readonly Lf[] | undefined): Lf | null {
  const fresh = saved && listed?.find((l) => l.id === saved.id);
  return fresh && fresh.current.version >= saved.current.version ? fresh : saved;
}

export function LfPage({ projectId, projectHref, projectsHref }: LfPageProps) {
  const project = useProject(projectId);
  const list = useLfs(projectId);
  const socket = useProjectSocket(projectId);
  const toggle = useUpdateLf(projectId);
  const startRun = useStartLfRun(projectId);
  const [sort, setSort] = useState<SortState<LfColumnKey>>(DEFAULT_LF_SORT);
  const [editing, setEditing] = useState<Editing>({ lf: null, session: 0 });
  // Enabled flags being saved, shown as asked until the server has answered (a checkbox must not spring back).
  const [toggles, setToggles] = useState<Record<string, boolean>>({});

  if (project.isPending) return <LoadingPage what="project" />;
  if (project.isError) return <ErrorPage error={errorView(project.error)} backHref={projectsHref} backLabel="Back to projects" />;

  const p = project.data;
  const labels = p.labelSchema.labels;
  const canEdit = ROLE_RANK[p.myRole] >= ROLE_RANK.engineer;
  const data = list.data;
  const editingLf = latest(editing.lf, data?.lfs);
  const listed = data?.lfs.map((lf) => (lf.id in toggles ? { ...lf, enabled: toggles[lf.id] } : lf)) ?? [];
  const toggleLf = (lf: Lf, enabled: boolean) => {
    setToggles((t) => ({ ...t, [lf.id]: enabled }));
    // One promise per call (mutate's own callbacks fire for the latest call only); errors show from `toggle`.
    void toggle
      .mutateAsync({ lfId: lf.id, body: { enabled } })
      .catch(() => undefined)
      .finally(() => setToggles(({ [lf.id]: _done, ...rest }) => rest));
  };
  const edit = (lf: Lf | null) => {
    setEditing((e) => ({ lf, session: e.session + 1 }));
    document.getElementById('lf-editor')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  return (
    <main className="page page--wide">
      <nav className="breadcrumbs">
        <AppLink href={projectsHref}>Projects</AppLink> / <AppLink href={projectHref}>{p.name}</AppLink> / <span>Labeling functions</span>
      </nav>
      <header className="page__header">
        <div>
          <h1>Labeling functions</h1>
          <p className="muted">
            Each LF votes a label or abstains on every item; the label model weighs their votes into weak labels.{' '}
            <span className={socket.live ? 'live is-live' : 'live'} data-testid="live-indicator">
              {socket.live ? 'live' : 'connecting…'}
            </span>
          </p>
        </div>
      </header>
      {socket.error && <p className="hint">Live updates unavailable: {socket.error}</p>}
      {list.isError && <ErrorMessage {...errorView(list.error)} />}
      {list.isPending && <p className="muted">Loading labeling functions…</p>}
      {data && (
        <>
          <Card
            title="Label model"
            testId="label-model-card"
            actions={
              canEdit && (
                <button type="button" className="btn btn--small" onClick={() => startRun.mutate()} disabled={startRun.isPending || data.run?.status === 'running'} data-testid="lf-apply-now">
                  {startRun.isPending ? 'Starting…' : 'Apply now'}
                </button>
              )
            }
          >
            <LfRunStatus run={data.run} />
            {startRun.isError && <ErrorMessage {...errorView(startRun.error)} testId="lf-run-error" />}
            <LabelModelPanel labelModel={data.labelModel} labels={labels} />
          </Card>
          <Card title={`Labeling functions (${data.lfs.length})`} testId="lfs">
            {data.lfs.length === 0 ? (
              <p className="empty" data-testid="lfs-empty">
                No labeling functions yet{canEdit ? ': write one below, preview it on a sample, then save it.' : '.'}
              </p>
            ) : (
              <LfTable
                lfs={listed}
                labels={labels}
                sort={sort}
                onSort={(key) => setSort((s) => nextSort(s, key, firstDirection(key)))}
                canEdit={canEdit}
                editingId={editingLf?.id ?? null}
                toggling={Object.keys(toggles)}
                onEdit={edit}
                onToggle={toggleLf}
              />
            )}
            {toggle.isError && <ErrorMessage {...errorView(toggle.error)} testId="lf-toggle-error" />}
          </Card>
        </>
      )}
      {/* Without the list (a multi-label project, no access) there is nothing the editor could save. */}
      {canEdit && data && (
        <div id="lf-editor">
          <LfEditor
            key={editing.session}
            projectId={projectId}
            labels={labels}
            lf={editingLf}
            onSaved={(lf) => setEditing((e) => ({ lf, session: e.session }))}
            onNew={() => edit(null)}
          />
        </div>
      )}
    </main>
  );
}
