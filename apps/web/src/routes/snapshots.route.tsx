// `/projects/$projectId/snapshots`: labeled snapshots (versions, datasheet, diff, split settings), for reviewers and
// above. A separate chunk with its own ECharts, fetched when the route is first opened.
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { projectRoute } from './project.route';

export const snapshotsRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: 'snapshots',
  component: lazyRouteComponent(() => import('../snapshots/snapshots-screen'), 'SnapshotsScreen'),
});
