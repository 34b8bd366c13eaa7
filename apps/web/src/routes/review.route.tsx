// `/projects/$projectId/review`: adjudication of the items annotators disagree on.
import { useProject } from '@arbiter/web/data-access';
import { ReviewPage } from '@arbiter/web/feature-annotate';
import { createRoute } from '@tanstack/react-router';
import { useDocumentTitle } from '../use-document-title';
import { useScreenHrefs } from '../use-screen-hrefs';
import { projectRoute } from './project.route';

export const reviewRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: 'review',
  component: ReviewScreen,
});

function ReviewScreen() {
  const { projectId } = reviewRoute.useParams();
  const hrefs = useScreenHrefs();
  useDocumentTitle('Review', useProject(projectId).data?.name);
  return <ReviewPage key={projectId} projectId={projectId} projectHref={hrefs.project(projectId)} />;
}
