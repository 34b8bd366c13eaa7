// The active-learning screen: the round in flight (live over the project's socket room) with its Start key, the
// learning curve, the settings, the model versions and recent rounds, and strategy replays.
import { ROLE_RANK } from '@arbiter/contracts';
import {
  errorView,
  isApiError,
  isRoundInFlight,
  useAlRounds,
  useAlSettings,
  useLearningCurve,
  useModels,
  useProject,
  useProjectSocket,
  useStartAlRound,
  useUpdateAlSettings,
} from '@arbiter/web/data-access';
import { AppLink, Card, ErrorMessage, ErrorPage, Kbd, LoadingPage } from '@arbiter/web/ui';
import { useHotkey } from '../hooks/use-hotkey';
import { AlSettingsForm } from './al-settings-form';
import { LearningCurveChart } from './learning-curve-chart';
import { ModelsTable } from './models-table';
import { ReplaySection } from './replay-section';
import { RoundStatus } from './round-status';
import { RoundsTable } from './rounds-table';
import './active-learning.css';

export interface ActiveLearningPageProps {
  projectId: string;
  projectHref: string;
  projectsHref: string;
  /** The replay the address names, or null. */
  replayId: string | null;
  onReplayChange: (replayId: string) => void;
}

export const START_ROUND_KEY = 's';

export function ActiveLearningPage({ projectId, projectHref, projectsHref, replayId, onReplayChange }: ActiveLearningPageProps) {
  const project = useProject(projectId);
  const settings = useAlSettings(projectId);
  const rounds = useAlRounds(projectId);
  const models = useModels(projectId);
  const curve = useLearningCurve(projectId);
  const socket = useProjectSocket(projectId);
  const update = useUpdateAlSettings(projectId);
  const start = useStartAlRound(projectId);

  const canEdit = project.data !== undefined && ROLE_RANK[project.data.myRole] >= ROLE_RANK.engineer;
  const latest = rounds.data?.rounds[0] ?? null;
  const inFlight = isRoundInFlight(latest);
  const canStart = canEdit && rounds.isSuccess && !inFlight && !start.isPending;
  const startRound = () => {
    if (canStart) start.mutate();
  };
  useHotkey(START_ROUND_KEY, startRound, canStart);

  if (project.isPending) return <LoadingPage what="project" />;
  if (project.isError) return <ErrorPage error={errorView(project.error)} backHref={projectsHref} backLabel="Back to projects" />;
  const p = project.data;
  // A 409 means a round started elsewhere (a trigger, another tab) just now: the socket brings it in.
  const startError = start.isError ? (isApiError(start.error, 409) ? { message: 'A round is already in progress.', details: [] } : errorView(start.error)) : null;

  return (
    <main className="page page--wide al-page">
      <nav className="breadcrumbs">
        <AppLink href={projectsHref}>Projects</AppLink> / <AppLink href={projectHref}>{p.name}</AppLink> / <span>Active learning</span>
      </nav>
      <header className="page__header">
        <div>
          <h1>Active learning</h1>
          <p className="muted">
            Each round trains a model on the labels so far, scores the unlabeled items and sends the most useful batch to the front of the annotation
            queue.{' '}
            <span className={socket.live ? 'live is-live' : 'live'} data-testid="live-indicator">
              {socket.live ? 'live' : 'connecting…'}
            </span>
          </p>
        </div>
      </header>
      {socket.error && <p className="hint">Live updates unavailable: {socket.error}</p>}

      <Card
        title="Current round"
        testId="al-round"
        actions={
          canEdit && (
            <button type="button" className="btn btn--primary" onClick={startRound} disabled={!canStart} data-testid="al-start-round">
              {start.isPending ? 'Starting…' : inFlight ? 'Round in progress' : 'Start round'} <Kbd keyName={START_ROUND_KEY} />
            </button>
          )
        }
      >
        {rounds.isError && <ErrorMessage {...errorView(rounds.error)} testId="al-rounds-error" />}
        {rounds.isPending ? <p className="muted">Loading rounds…</p> : rounds.data && <RoundStatus round={latest} />}
        {startError && <ErrorMessage {...startError} testId="al-start-error" />}
      </Card>

      <Card title="Learning curve" testId="al-curve-card">
        {curve.isError && <ErrorMessage {...errorView(curve.error)} testId="al-curve-error" />}
        {curve.data && <LearningCurveChart points={curve.data.points} />}
      </Card>

      <div className="al-columns">
        <Card title="Settings" testId="al-settings">
          {settings.isError && <ErrorMessage {...errorView(settings.error)} testId="al-settings-load-error" />}
          {settings.isPending && <p className="muted">Loading settings…</p>}
          {settings.data && (
            <AlSettingsForm
              settings={settings.data}
              testSplit={settings.data.testSplit}
              canEdit={canEdit}
              saving={update.isPending}
              error={update.isError ? errorView(update.error) : null}
              onSave={(body) => update.mutateAsync(body)}
            />
          )}
        </Card>
        <div>
          <Card title="Model versions" testId="al-models-card">
            {models.isError && <ErrorMessage {...errorView(models.error)} testId="al-models-error" />}
            {models.data && <ModelsTable projectId={projectId} models={models.data} />}
          </Card>
          <Card title="Recent rounds" testId="al-rounds-card">
            {rounds.data && <RoundsTable rounds={rounds.data.rounds} />}
          </Card>
        </div>
      </div>

      <ReplaySection projectId={projectId} canStart={canEdit} replayId={replayId} onReplayChange={onReplayChange} />
    </main>
  );
}
