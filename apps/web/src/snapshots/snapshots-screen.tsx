// The snapshots route's screen, loaded on demand (see routes/snapshots.route.tsx).
import { useProject } from '@arbiter/web/data-access';
import { getRouteApi } from '@tanstack/react-router';
import { useDocumentTitle } from '../use-document-title';
import { useScreenHrefs } from '../use-screen-hrefs';
import { SnapshotsPage } from './snapshots-page';

const routeApi = getRouteApi('/signed-in/projects/$projectId/snapshots');

export function SnapshotsScreen() {
  const { projectId } = routeApi.useParams();
  const { version } = routeApi.useSearch();
  const hrefs = useScreenHrefs();
  useDocumentTitle('Snapshots', useProject(projectId).data?.name);
  return <SnapshotsPage key={projectId} projectId={projectId} projectHref={hrefs.project(projectId)} initialVersion={version ?? null} />;
}
