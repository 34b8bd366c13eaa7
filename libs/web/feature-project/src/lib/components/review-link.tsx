import { useReviewQueue } from '@arbiter/web/data-access';
import { AppLink } from '@arbiter/web/ui';

export interface ReviewLinkProps {
  projectId: string;
  href: string;
}

/** "Review (N)": N is the open queue's total across all pages, from the first page shared with the review screen. */
export function ReviewLink({ projectId, href }: ReviewLinkProps) {
  const queue = useReviewQueue(projectId, 'open');
  const count = queue.data?.pages[0]?.total ?? '…';
  return (
    <AppLink className="btn" href={href} data-testid="review-link">
      Review ({count})
    </AppLink>
  );
}
