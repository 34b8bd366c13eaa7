// `/`: the projects list lives at /projects.
import { createRoute, redirect } from '@tanstack/react-router';
import { signedInRoute } from './signed-in.route';

export const homeRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/projects', replace: true });
  },
});
