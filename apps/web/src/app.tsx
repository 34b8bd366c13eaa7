// The shell: who is signed in, which screen the hash names, and the links between the feature screens.
import type { Project } from '@arbiter/contracts';
import { errorView, useLogout, useMe } from '@arbiter/web/data-access';
import { AnnotatePage, ReviewPage } from '@arbiter/web/feature-annotate';
import { LoginPage } from '@arbiter/web/feature-auth';
import { ProjectPage, ProjectsPage } from '@arbiter/web/feature-project';
import { ErrorMessage } from '@arbiter/web/ui';
import { lazy, Suspense } from 'react';
import { AppHeader } from './app-header';
import { paths } from './route';
import { navigate, useHashRoute } from './use-hash-route';

// The LF screen (and the CodeMirror it loads) is fetched when first opened: annotators never download it.
const LfPage = lazy(() => import('@arbiter/web/feature-lf').then((m) => ({ default: m.LfPage })));

export function App() {
  const route = useHashRoute();
  const me = useMe();
  const logout = useLogout();

  if (me.isPending) return <main className="page muted">Loading…</main>;
  if (me.isError)
    return (
      <main className="page">
        <ErrorMessage {...errorView(me.error)} />
      </main>
    );
  if (me.data === null) {
    // Signing in from #/login lands on the projects; from any other link, on the screen it named.
    const onLoggedIn = () => {
      if (route.name === 'login') navigate(paths.projects());
    };
    return <LoginPage onLoggedIn={onLoggedIn} />;
  }

  return (
    <>
      <AppHeader
        user={me.data}
        homeHref={paths.projects()}
        loggingOut={logout.isPending}
        onLogout={() => logout.mutate(undefined, { onSettled: () => navigate(paths.login()) })}
      />
      {route.name === 'project' ? (
        <ProjectPage
          key={route.projectId}
          projectId={route.projectId}
          annotateHref={paths.annotate(route.projectId)}
          reviewHref={paths.review(route.projectId)}
          lfsHref={paths.lfs(route.projectId)}
          projectsHref={paths.projects()}
        />
      ) : route.name === 'annotate' ? (
        <AnnotatePage key={route.projectId} projectId={route.projectId} projectHref={paths.project(route.projectId)} />
      ) : route.name === 'review' ? (
        <ReviewPage key={route.projectId} projectId={route.projectId} projectHref={paths.project(route.projectId)} />
      ) : route.name === 'lfs' ? (
        <Suspense fallback={<main className="page muted">Loading…</main>}>
          <LfPage key={route.projectId} projectId={route.projectId} projectHref={paths.project(route.projectId)} projectsHref={paths.projects()} />
        </Suspense>
      ) : (
        <ProjectsPage
          projectHref={paths.project}
          onProjectCreated={(p: Project) => navigate(paths.project(p.id))}
        />
      )}
    </>
  );
}
