import { useRouter } from '@tanstack/react-router';
import { useMemo } from 'react';

/** The paths of the screens, built by the router from its typed routes, as the hrefs the feature screens take. */
export function useScreenHrefs() {
  const router = useRouter();
  return useMemo(
    () => ({
      projects: () => router.buildLocation({ to: '/projects' }).href,
      project: (projectId: string) => router.buildLocation({ to: '/projects/$projectId', params: { projectId } }).href,
      annotate: (projectId: string) => router.buildLocation({ to: '/projects/$projectId/annotate', params: { projectId } }).href,
      review: (projectId: string) => router.buildLocation({ to: '/projects/$projectId/review', params: { projectId } }).href,
      lfs: (projectId: string) => router.buildLocation({ to: '/projects/$projectId/lfs', params: { projectId } }).href,
      activeLearning: (projectId: string) => router.buildLocation({ to: '/projects/$projectId/active-learning', params: { projectId } }).href,
      productionReviews: (projectId: string) => router.buildLocation({ to: '/projects/$projectId/production-reviews', params: { projectId } }).href,
      routing: (projectId: string) => router.buildLocation({ to: '/projects/$projectId/routing', params: { projectId } }).href,
      snapshots: (projectId: string) => router.buildLocation({ to: '/projects/$projectId/snapshots', params: { projectId } }).href,
    }),
    [router],
  );
}
