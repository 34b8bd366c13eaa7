// `/projects/$projectId/annotate`: labeling, keyboard first.
import { useProject } from '@arbiter/web/data-access';
import { AnnotatePage } from '@arbiter/web/feature-annotate';
import { createRoute } from '@tanstack/react-router';
import { useDocumentTitle } from '../use-document-title';
import { useScreenHrefs } from '../use-screen-hrefs';
import { projectRoute } from './project.route';

export const annotateRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: 'annotate',
  component: AnnotateScreen,
});

function AnnotateScreen() {
  const { projectId } = annotateRoute.useParams();
  const hrefs = useScreenHrefs();
  useDocumentTitle('Annotate', useProject(projectId).data?.name);
  return <AnnotatePage key={projectId} projectId={projectId} projectHref={hrefs.project(projectId)} />;
}
