// `/projects/$projectId`: the project page (counts, agreement, settings, import, members).
import { useProject } from '@arbiter/web/data-access';
import { ProjectPage } from '@arbiter/web/feature-project';
import { createRoute } from '@tanstack/react-router';
import { useDocumentTitle } from '../use-document-title';
import { useScreenHrefs } from '../use-screen-hrefs';
import { projectRoute } from './project.route';

export const projectHomeRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: '/',
  component: ProjectScreen,
});

function ProjectScreen() {
  const { projectId } = projectHomeRoute.useParams();
  const hrefs = useScreenHrefs();
  useDocumentTitle(useProject(projectId).data?.name);
  return (
    <ProjectPage
      key={projectId}
      projectId={projectId}
      annotateHref={hrefs.annotate(projectId)}
      reviewHref={hrefs.review(projectId)}
      lfsHref={hrefs.lfs(projectId)}
      activeLearningHref={hrefs.activeLearning(projectId)}
      productionReviewsHref={hrefs.productionReviews(projectId)}
      routingHref={hrefs.routing(projectId)}
      snapshotsHref={hrefs.snapshots(projectId)}
      projectsHref={hrefs.projects()}
    />
  );
}
