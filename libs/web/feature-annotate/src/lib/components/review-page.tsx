import { ROLE_RANK } from '@arbiter/contracts';
import { errorView, useProject } from '@arbiter/web/data-access';
import { ErrorPage, LoadingPage } from '@arbiter/web/ui';
import { ReviewSession } from './review-session';

export interface ReviewPageProps {
  projectId: string;
  projectHref: string;
}

export function ReviewPage({ projectId, projectHref }: ReviewPageProps) {
  const project = useProject(projectId);
  if (project.isPending) return <LoadingPage what="project" />;
  if (project.isError || ROLE_RANK[project.data.myRole] < ROLE_RANK.reviewer)
    return (
      <ErrorPage
        error={project.isError ? errorView(project.error) : { message: 'Only reviewers, engineers and owners can adjudicate.' }}
        backHref={projectHref}
        backLabel="Back to the project"
      />
    );
  return <ReviewSession project={project.data} projectHref={projectHref} />;
}
