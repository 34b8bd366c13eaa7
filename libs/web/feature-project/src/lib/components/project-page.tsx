import { ROLE_RANK } from '@arbiter/contracts';
import { errorView, useProject, useProjectSocket, useProjectStats } from '@arbiter/web/data-access';
import { AppLink, ErrorMessage, ErrorPage, GuidelinesPanel, LoadingPage } from '@arbiter/web/ui';
import { percentText } from '../percent';
import { AgreementPanel } from './agreement-panel';
import { AnnotatorsPanel } from './annotators-panel';
import { ExportLinks } from './export-links';
import { ImportPanel } from './import-panel';
import { MembersPanel } from './members-panel';
import { ProjectStatsPanel } from './project-stats-panel';
import { PolicySettingsForm } from './policy-settings-form';
import { ReviewLink } from './review-link';

export interface ProjectPageProps {
  projectId: string;
  annotateHref: string;
  reviewHref: string;
  /** The labeling-functions screen (reviewers and above). */
  lfsHref: string;
  /** The active-learning screen (reviewers and above). */
  activeLearningHref: string;
  /** The production review queue (reviewers and above). */
  productionReviewsHref: string;
  /** The routing dashboard: settings, capacity, proposals, monitoring (reviewers and above). */
  routingHref: string;
  /** Labeled snapshots: versions, datasheets, diffs, split settings (reviewers and above). */
  snapshotsHref: string;
  projectsHref: string;
}

export function ProjectPage({ projectId, annotateHref, reviewHref, lfsHref, activeLearningHref, productionReviewsHref, routingHref, snapshotsHref, projectsHref }: ProjectPageProps) {
  const project = useProject(projectId);
  // Loaded once over HTTP, then replaced by every `project:stats` event the socket receives.
  const stats = useProjectStats(projectId);
  const socket = useProjectSocket(projectId);

  if (project.isPending) return <LoadingPage what="project" />;
  if (project.isError) return <ErrorPage error={errorView(project.error)} backHref={projectsHref} backLabel="Back to projects" />;

  const p = project.data;
  const rank = ROLE_RANK[p.myRole];
  const sampled = p.overlap > 1 && p.overlapFraction < 1 ? ` on ${percentText(p.overlapFraction)}% of items` : '';
  const checks = p.goldShare > 0 ? ` · ${percentText(p.goldShare)}% gold checks` : '';
  return (
    <main className="page">
      <nav className="breadcrumbs">
        <AppLink href={projectsHref}>Projects</AppLink> / <span>{p.name}</span>
      </nav>
      <header className="page__header">
        <div>
          <h1 data-testid="project-title">{p.name}</h1>
          <p className="muted">
            <span className="badge">{p.myRole}</span> {p.labelSchema.kind === 'single' ? 'one label' : 'any labels'} per
            item · {p.overlap} annotator{p.overlap === 1 ? '' : 's'} per item{sampled}
            {checks}
          </p>
          {p.description && <p>{p.description}</p>}
        </div>
        <div className="page__actions">
          {rank >= ROLE_RANK.engineer && <ExportLinks projectId={projectId} />}
          {rank >= ROLE_RANK.reviewer && <ReviewLink projectId={projectId} href={reviewHref} />}
          {rank >= ROLE_RANK.reviewer && <AppLink className="btn" href={lfsHref} data-testid="lfs-link">Labeling functions</AppLink>}
          {rank >= ROLE_RANK.reviewer && (
            <AppLink className="btn" href={activeLearningHref} data-testid="active-learning-link">
              Active learning
            </AppLink>
          )}
          {rank >= ROLE_RANK.reviewer && (
            <AppLink className="btn" href={productionReviewsHref} data-testid="production-reviews-link">
              Production reviews
            </AppLink>
          )}
          {rank >= ROLE_RANK.reviewer && (
            <AppLink className="btn" href={routingHref} data-testid="routing-link">
              Routing
            </AppLink>
          )}
          {rank >= ROLE_RANK.reviewer && (
            <AppLink className="btn" href={snapshotsHref} data-testid="snapshots-link">
              Snapshots
            </AppLink>
          )}
          <AppLink className="btn btn--primary" href={annotateHref} data-testid="start-labeling">
            Start labeling
          </AppLink>
        </div>
      </header>
      {stats.data && <ProjectStatsPanel stats={stats.data} labels={p.labelSchema.labels} live={socket.live} />}
      {stats.isError && <ErrorMessage {...errorView(stats.error)} />}
      {socket.error && <p className="hint">Live updates unavailable: {socket.error}</p>}
      {p.myRole === 'owner' && <AnnotatorsPanel project={p} />}
      {rank >= ROLE_RANK.reviewer && <AgreementPanel project={p} />}
      {p.myRole === 'owner' && <PolicySettingsForm project={p} />}
      {rank >= ROLE_RANK.engineer && <ImportPanel projectId={projectId} progress={socket.importProgress} />}
      {p.myRole === 'owner' && <MembersPanel projectId={projectId} />}
      <GuidelinesPanel text={p.guidelines} />
    </main>
  );
}
