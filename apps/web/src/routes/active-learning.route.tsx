// `/projects/$projectId/active-learning[?replay=<id>]`: rounds, the learning curve, settings and replays. Its screen
// (and ECharts) is a separate chunk, fetched when the route is first opened: annotators never download it. The
// replay on screen is in the address, so a reload or a shared link shows it again.
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod';
import { projectRoute } from './project.route';

export interface ActiveLearningSearch {
  replay?: string;
}

const replayIdSchema = z.uuid();

export const activeLearningRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: 'active-learning',
  // A malformed id is dropped rather than sent to the API.
  validateSearch: (search: Record<string, unknown>): ActiveLearningSearch => {
    const replay = replayIdSchema.safeParse(search['replay']);
    return replay.success ? { replay: replay.data } : {};
  },
  component: lazyRouteComponent(() => import('../active-learning-screen'), 'ActiveLearningScreen'),
});
