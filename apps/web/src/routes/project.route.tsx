// `/projects/$projectId/…`: the screens of one project. The id must be a uuid (anything else is a page that does not
// exist, not a request the API would refuse), and the project is loaded before any of them shows.
import { projectQueryOptions } from '@arbiter/web/data-access';
import { LoadingPage } from '@arbiter/web/ui';
import { createRoute, notFound } from '@tanstack/react-router';
import { z } from 'zod';
import { signedInRoute } from './signed-in.route';

const projectIdSchema = z.uuid();

export const projectRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'projects/$projectId',
  params: {
    parse: ({ projectId }) => {
      const parsed = projectIdSchema.safeParse(projectId);
      if (!parsed.success) throw notFound();
      return { projectId: parsed.data.toLowerCase() };
    },
    stringify: ({ projectId }) => ({ projectId }),
  },
  // Fills the cache the screens read; a project that is gone (or not the user's) is the route's error page.
  loader: ({ context, params }) => context.queryClient.ensureQueryData(projectQueryOptions(params.projectId)),
  pendingComponent: () => <LoadingPage what="project" />,
});
