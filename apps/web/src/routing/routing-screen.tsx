// The routing route's screen, loaded on demand (see routes/routing.route.tsx).
import { useProject } from '@arbiter/web/data-access';
import { getRouteApi } from '@tanstack/react-router';
import { useDocumentTitle } from '../use-document-title';
import { useScreenHrefs } from '../use-screen-hrefs';
import { RoutingPage } from './routing-page';

const routeApi = getRouteApi('/signed-in/projects/$projectId/routing');

export function RoutingScreen() {
  const { projectId } = routeApi.useParams();
  const hrefs = useScreenHrefs();
  useDocumentTitle('Routing', useProject(projectId).data?.name);
  return <RoutingPage key={projectId} projectId={projectId} projectHref={hrefs.project(projectId)} />;
}
