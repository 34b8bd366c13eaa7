// `/projects/$projectId/snapshots`: labeled snapshots (versions, datasheet, diff, split settings), for reviewers and
// above. A separate chunk with its own ECharts, fetched when the route is first opened. `?version=N` opens on that
// version (the production review screen links a decision's model to the snapshot it was trained on this way).
import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { z } from 'zod';
import { projectRoute } from './project.route';

export interface SnapshotsSearch {
  version?: number;
}

const versionSchema = z.coerce.number().int().min(1);

export const snapshotsRoute = createRoute({
  getParentRoute: () => projectRoute,
  path: 'snapshots',
  validateSearch: (search: Record<string, unknown>): SnapshotsSearch => {
    const version = versionSchema.safeParse(search['version']);
    return version.success ? { version: version.data } : {};
  },
  component: lazyRouteComponent(() => import('../snapshots/snapshots-screen'), 'SnapshotsScreen'),
});
