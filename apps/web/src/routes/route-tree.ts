// The UI's paths. Signed-out visitors reach only /login; every other screen sits behind `signedInRoute`.
import { activeLearningRoute } from './active-learning.route';
import { annotateRoute } from './annotate.route';
import { homeRoute } from './home.route';
import { lfsRoute } from './lfs.route';
import { loginRoute } from './login.route';
import { productionReviewRoute } from './production-review.route';
import { projectHomeRoute } from './project-home.route';
import { projectRoute } from './project.route';
import { projectsRoute } from './projects.route';
import { reviewRoute } from './review.route';
import { rootRoute } from './root.route';
import { routingRoute } from './routing.route';
import { signedInRoute } from './signed-in.route';
import { snapshotsRoute } from './snapshots.route';

export const routeTree = rootRoute.addChildren([
  loginRoute,
  signedInRoute.addChildren([
    homeRoute,
    projectsRoute,
    projectRoute.addChildren([projectHomeRoute, annotateRoute, reviewRoute, lfsRoute, activeLearningRoute, productionReviewRoute, routingRoute, snapshotsRoute]),
  ]),
]);
