// Every screen behind sign-in: a signed-out visitor is sent to /login with the path they asked for.
import { meQueryOptions } from '@arbiter/web/data-access';
import { createRoute, redirect } from '@tanstack/react-router';
import { SignedInShell } from '../signed-in-shell';
import { rootRoute } from './root.route';

export const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQueryOptions());
    if (!me) throw redirect({ to: '/login', search: { redirect: location.href }, replace: true });
  },
  component: SignedInShell,
});
