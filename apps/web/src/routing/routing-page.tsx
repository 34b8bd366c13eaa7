// The routing dashboard (issue 10), for reviewers and up; engineers and owners edit. Settings (shadow mode, budget,
// SLA, escalation, automatic application), what the budget costs now, the re-fit's proposals with their cost
// curves, and one model version's monitoring.
import { ROLE_RANK } from '@arbiter/contracts';
import { errorView, useProject, useRoutingCapacity, useRoutingPolicy, useRoutingSettings } from '@arbiter/web/data-access';
import { AppLink, ErrorMessage, ErrorPage, LoadingPage } from '@arbiter/web/ui';
import { CapacityTiles } from './capacity-tiles';
import { MonitoringSection } from './monitoring-section';
import { ProposalsSection } from './proposals-section';
import { RoutingSettingsForm } from './routing-settings-form';
import './routing.css';

export interface RoutingPageProps {
  projectId: string;
  projectHref: string;
}

export function RoutingPage({ projectId, projectHref }: RoutingPageProps) {
  const project = useProject(projectId);
  if (project.isPending) return <LoadingPage what="project" />;
  if (project.isError) return <ErrorPage error={errorView(project.error)} backHref={projectHref} backLabel="Back to the project" />;
  if (ROLE_RANK[project.data.myRole] < ROLE_RANK.reviewer) {
    return <ErrorPage error={{ message: 'Routing is for reviewers, engineers and owners of this project.' }} backHref={projectHref} backLabel="Back to the project" />;
  }
  return <RoutingDashboard projectId={projectId} projectName={project.data.name} projectHref={projectHref} canEdit={ROLE_RANK[project.data.myRole] >= ROLE_RANK.engineer} />;
}

function RoutingDashboard({ projectId, projectName, projectHref, canEdit }: { projectId: string; projectName: string; projectHref: string; canEdit: boolean }) {
  const settings = useRoutingSettings(projectId);
  const policy = useRoutingPolicy(projectId);
  const capacity = useRoutingCapacity(projectId);
  return (
    <main className="page page--wide routing">
      <nav className="breadcrumbs">
        <AppLink href={projectHref}>{projectName}</AppLink> / <span>Routing</span>
      </nav>
      <header className="page__header">
        <div>
          <h1>Routing</h1>
          <p className="muted" data-testid="policy-version">
            {policy.data ? (policy.data.version === null ? 'Default policy (stored as version 1 at the first decision)' : `Policy version ${policy.data.version}`) : 'Policy loading…'}
            {policy.data?.shadowMode ? ' · shadow mode' : ''}
          </p>
        </div>
      </header>
      <div className="routing__columns">
        {settings.data && <RoutingSettingsForm projectId={projectId} settings={settings.data} canEdit={canEdit} />}
        {settings.isError && <ErrorMessage {...errorView(settings.error)} />}
        {capacity.data && <CapacityTiles capacity={capacity.data} />}
        {capacity.isError && <ErrorMessage {...errorView(capacity.error)} />}
      </div>
      <ProposalsSection projectId={projectId} canEdit={canEdit} activeVersion={policy.data?.version ?? null} />
      <MonitoringSection projectId={projectId} />
    </main>
  );
}
