// `/projects/$projectId/lfs`: labeling functions. Its screen (and the CodeMirror it loads) is a separate chunk,
// fetched when the route is first opened: annotators never download it.
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { projectRoute } from './project.route';

export const lfsRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: 'lfs',
  component: lazyRouteComponent(() => import('../lfs-screen'), 'LfsScreen'),
});
