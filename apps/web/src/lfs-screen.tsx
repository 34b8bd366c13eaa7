// The LF route's screen, loaded on demand (see routes/lfs.route.tsx): nothing outside this chunk imports feature-lf.
import { useProject } from '@arbiter/web/data-access';
import { LfPage } from '@arbiter/web/feature-lf';
import { getRouteApi } from '@tanstack/react-router';
import { useDocumentTitle } from './use-document-title';
import { useScreenHrefs } from './use-screen-hrefs';

const lfsRouteApi = getRouteApi('/signed-in/projects/$projectId/lfs');

export function LfsScreen() {
  const { projectId } = lfsRouteApi.useParams();
  const hrefs = useScreenHrefs();
  useDocumentTitle('Labeling functions', useProject(projectId).data?.name);
  return <LfPage key={projectId} projectId={projectId} projectHref={hrefs.project(projectId)} projectsHref={hrefs.projects()} />;
}
