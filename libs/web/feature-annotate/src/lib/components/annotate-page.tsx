import { errorView, useProject } from '@arbiter/web/data-access';
import { ErrorPage, LoadingPage } from '@arbiter/web/ui';
import { AnnotateSession } from './annotate-session';

export interface AnnotatePageProps {
  projectId: string;
  projectHref: string;
}

export function AnnotatePage({ projectId, projectHref }: AnnotatePageProps) {
  const project = useProject(projectId);
  if (project.isPending) return <LoadingPage what="project" />;
  if (project.isError) return <ErrorPage error={errorView(project.error)} backHref={projectHref} backLabel="Back to the project" />;
  return <AnnotateSession project={project.data} projectHref={projectHref} />;
}
