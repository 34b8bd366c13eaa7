// `/login?redirect=<path>`: the sign-in form, which returns the user to the screen a deep link named.
import { meQueryOptions } from '@arbiter/web/data-access';
import { LoginPage } from '@arbiter/web/feature-auth';
import { createRoute, redirect, useNavigate } from '@tanstack/react-router';
import { safeRedirect } from '../login-redirect';
import { useDocumentTitle } from '../use-document-title';
import { rootRoute } from './root.route';

const HOME_PATH = '/projects';

interface LoginSearch {
  /** The path to open once signed in. */
  redirect?: string;
}

export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'login',
  validateSearch: (search: Record<string, unknown>): LoginSearch => {
    const target = safeRedirect(search['redirect']);
    return target ? { redirect: target } : {};
  },
  beforeLoad: async ({ context, search }) => {
    // Already signed in (another tab, a bookmark of /login): straight on.
    if (await context.queryClient.ensureQueryData(meQueryOptions())) throw redirect({ href: search.redirect ?? HOME_PATH, replace: true });
  },
  component: LoginScreen,
});

function LoginScreen() {
  const { redirect: target } = loginRoute.useSearch();
  const navigate = useNavigate();
  useDocumentTitle('Sign in');
  // Replace /login in the history: Back from the landing screen should not return to the form.
  return <LoginPage onLoggedIn={() => void navigate({ href: target ?? HOME_PATH, replace: true })} />;
}
