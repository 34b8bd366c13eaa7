import { reviewItemsOf, useReviewQueue } from '@arbiter/web/data-access';

export interface ReviewLinkProps {
  projectId: string;
  href: string;
}

/** "Review (N)": the first page of the open queue, shared with the review screen's cache; "N+" when longer. */
export function ReviewLink({ projectId, href }: ReviewLinkProps) {
  const queue = useReviewQueue(projectId, 'open');
  const count = queue.data ? `${reviewItemsOf(queue.data.pages).length}${queue.hasNextPage ? '+' : ''}` : '…';
  return (
    <a className="btn" href={href} data-testid="review-link">
      Review ({count})
    </a>
  );
}
