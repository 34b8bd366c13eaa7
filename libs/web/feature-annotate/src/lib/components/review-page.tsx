import { ROLE_RANK } from '@arbiter/contracts';
import { errorView, useProject } from '@arbiter/web/data-access';
import { ErrorMessage } from '@arbiter/web/ui';
import { ReviewSession } from './review-session';

export interface ReviewPageProps {
  projectId: string;
  projectHref: string;
}

export function ReviewPage({ projectId, projectHref }: ReviewPageProps) {
  const project = useProject(projectId);
  if (project.isPending) return <main className="page muted">Loading project…</main>;
  if (project.isError || ROLE_RANK[project.data.myRole] < ROLE_RANK.reviewer)
    return (
      <main className="page">
        <ErrorMessage
          {...(project.isError ? errorView(project.error) : { message: 'Only reviewers, engineers and owners can adjudicate.' })}
        />
        <a href={projectHref}>Back to the project</a>
      </main>
    );
  return <ReviewSession project={project.data} projectHref={projectHref} />;
}
