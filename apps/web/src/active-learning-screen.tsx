// The active-learning route's screen, loaded on demand (see routes/active-learning.route.tsx): nothing outside this
// chunk imports feature-active-learning.
import { useProject } from '@arbiter/web/data-access';
import { ActiveLearningPage } from '@arbiter/web/feature-active-learning';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useDocumentTitle } from './use-document-title';
import { useScreenHrefs } from './use-screen-hrefs';

const activeLearningRouteApi = getRouteApi('/signed-in/projects/$projectId/active-learning');

export function ActiveLearningScreen() {
  const { projectId } = activeLearningRouteApi.useParams();
  const { replay } = activeLearningRouteApi.useSearch();
  const navigate = useNavigate();
  const hrefs = useScreenHrefs();
  useDocumentTitle('Active learning', useProject(projectId).data?.name);
  return (
    <ActiveLearningPage
      key={projectId}
      projectId={projectId}
      projectHref={hrefs.project(projectId)}
      projectsHref={hrefs.projects()}
      replayId={replay ?? null}
      onReplayChange={(replayId) =>
        void navigate({ to: '/projects/$projectId/active-learning', params: { projectId }, search: { replay: replayId }, replace: true })
      }
    />
  );
}
