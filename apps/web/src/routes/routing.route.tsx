// `/projects/$projectId/routing`: the routing dashboard (settings, capacity, proposals with cost curves, monitoring),
// for reviewers and above. A separate chunk with its own ECharts, fetched when the route is first opened.
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { projectRoute } from './project.route';

export const routingRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: 'routing',
  component: lazyRouteComponent(() => import('../routing/routing-screen'), 'RoutingScreen'),
});
