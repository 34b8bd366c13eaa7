// `/projects/$projectId/production-reviews`: routed production predictions, for reviewers and above. A separate
// chunk, fetched when the route is first opened: annotators never download it.
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { projectRoute } from './project.route';

export const productionReviewRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: 'production-reviews',
  component: lazyRouteComponent(() => import('../production/production-review-screen'), 'ProductionReviewScreen'),
});
