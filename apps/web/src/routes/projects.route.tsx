// `/projects`: the projects the user belongs to, and the form that creates one.
import type { Project } from '@arbiter/contracts';
import { ProjectsPage } from '@arbiter/web/feature-project';
import { createRoute, useNavigate } from '@tanstack/react-router';
import { useDocumentTitle } from '../use-document-title';
import { useScreenHrefs } from '../use-screen-hrefs';
import { signedInRoute } from './signed-in.route';

export const projectsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'projects',
  component: ProjectsScreen,
});

function ProjectsScreen() {
  const hrefs = useScreenHrefs();
  const navigate = useNavigate();
  useDocumentTitle('Projects');
  return (
    <ProjectsPage
      projectHref={hrefs.project}
      onProjectCreated={(p: Project) => void navigate({ to: '/projects/$projectId', params: { projectId: p.id } })}
    />
  );
}
