// The production review route's screen, loaded on demand (see routes/production-review.route.tsx).
import { useProject } from '@arbiter/web/data-access';
import { getRouteApi } from '@tanstack/react-router';
import { useDocumentTitle } from '../use-document-title';
import { useScreenHrefs } from '../use-screen-hrefs';
import { ProductionReviewPage } from './production-review-page';

const routeApi = getRouteApi('/signed-in/projects/$projectId/production-reviews');

export function ProductionReviewScreen() {
  const { projectId } = routeApi.useParams();
  const hrefs = useScreenHrefs();
  useDocumentTitle('Production reviews', useProject(projectId).data?.name);
  return <ProductionReviewPage key={projectId} projectId={projectId} projectHref={hrefs.project(projectId)} />;
}
