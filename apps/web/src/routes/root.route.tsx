// The root of the route tree: what every route's loaders receive, and the navigation the feature screens' links use.
import { LinkNavigationProvider } from '@arbiter/web/ui';
import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, Outlet, useRouter } from '@tanstack/react-router';
import { useCallback } from 'react';

export interface RouterContext {
  queryClient: QueryClient;
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: RootLayout,
});

function RootLayout() {
  const router = useRouter();
  // The feature screens link with plain hrefs; this turns their clicks into router navigations.
  const navigate = useCallback((href: string) => void router.navigate({ href }), [router]);
  return (
    <LinkNavigationProvider value={navigate}>
      <Outlet />
    </LinkNavigationProvider>
  );
}
