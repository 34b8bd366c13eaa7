// The router: the route tree, what loaders receive, and the pages shown while a route loads, fails or is unknown.
import { LoadingPage } from '@arbiter/web/ui';
import type { QueryClient } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { NotFoundPage } from './not-found-page';
import { RouteErrorPage } from './route-error-page';
import { routeTree } from './routes/route-tree';

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPendingComponent: () => <LoadingPage what="the page" />,
    defaultErrorComponent: RouteErrorPage,
    defaultNotFoundComponent: NotFoundPage,
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter;
  }
}
