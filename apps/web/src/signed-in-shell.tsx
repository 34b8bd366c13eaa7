// The frame of every signed-in screen: the header with the user and sign-out, and the screen below it.
import { useLogout, useMe } from '@arbiter/web/data-access';
import { Outlet, useNavigate, useRouter } from '@tanstack/react-router';
import { useEffect } from 'react';
import { AppHeader } from './app-header';

export function SignedInShell() {
  const me = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const router = useRouter();
  const signedOut = !me.data;
  const sessionEnded = signedOut && logout.isIdle;

  // The session ended under this screen (any 401 clears the user): running the routes' checks again sends the
  // user to sign in, and back here after. An explicit sign-out navigates by itself.
  useEffect(() => {
    if (sessionEnded) void router.invalidate();
  }, [sessionEnded, router]);

  if (!me.data) return null;
  return (
    <>
      <AppHeader
        user={me.data}
        loggingOut={logout.isPending}
        onLogout={() => logout.mutate(undefined, { onSettled: () => void navigate({ to: '/login' }) })}
      />
      <Outlet />
    </>
  );
}
