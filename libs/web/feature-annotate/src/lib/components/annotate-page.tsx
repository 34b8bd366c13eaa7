import { errorView, useProject } from '@arbiter/web/data-access';
import { ErrorMessage } from '@arbiter/web/ui';
import { AnnotateSession } from './annotate-session';

export interface AnnotatePageProps {
  projectId: string;
  projectHref: string;
}

export function AnnotatePage({ projectId, projectHref }: AnnotatePageProps) {
  const project = useProject(projectId);
  if (project.isPending) return <main className="page muted">Loading project…</main>;
  if (project.isError)
    return (
      <main className="page">
        <ErrorMessage {...errorView(project.error)} />
        <a href={projectHref}>Back to the project</a>
      </main>
    );
  return <AnnotateSession project={project.data} projectHref={projectHref} />;
}
