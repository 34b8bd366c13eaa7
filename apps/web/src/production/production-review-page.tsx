// The production review queue, keyboard first like annotate: every action has a key, printed on screen. The
// reviewer holds a few routed predictions under leases (see use-production-review-queue), judges the one on
// screen (accept, correct with a label's number key, reject as invalid input) and moves between the held ones;
// predictions that open reviews while the screen is open are claimed at once (socket.io).
import { ROLE_RANK, type Project } from '@arbiter/contracts';
import { errorView, useProject, useProjectSocket } from '@arbiter/web/data-access';
import { ActionButton, useHotkeys } from '@arbiter/web/feature-annotate';
import { AppLink, ErrorMessage, ErrorPage, LoadingPage } from '@arbiter/web/ui';
import { ProductionReviewFilters } from './production-review-filters';
import { ProductionReviewView } from './production-review-view';
import { useProductionReviewQueue } from './use-production-review-queue';
import { WebhookDeliveries } from './webhook-deliveries';

export const REVIEW_KEYS = { accept: 'a', reject: 'x', next: 'n', previous: 'p', reload: 'r' } as const;

export interface ProductionReviewPageProps {
  projectId: string;
  projectHref: string;
}

export function ProductionReviewPage({ projectId, projectHref }: ProductionReviewPageProps) {
  const project = useProject(projectId);
  if (project.isPending) return <LoadingPage what="project" />;
  if (project.isError) return <ErrorPage error={errorView(project.error)} backHref={projectHref} backLabel="Back to the project" />;
  if (ROLE_RANK[project.data.myRole] < ROLE_RANK.reviewer) {
    return <ErrorPage error={{ message: 'Production reviews are for reviewers, engineers and owners of this project.' }} backHref={projectHref} backLabel="Back to the project" />;
  }
  return <ProductionReviewSession project={project.data} projectHref={projectHref} />;
}

function ProductionReviewSession({ project, projectHref }: { project: Project; projectHref: string }) {
  const labels = project.labelSchema.labels.map((l) => l.name);
  const socket = useProjectSocket(project.id);
  const queue = useProductionReviewQueue(project.id, { leaseSeconds: project.leaseSeconds, reviewsOpened: socket.reviewsOpened, live: socket.live });
  const { current, reviews, index } = queue;

  const correct = (label: number) => {
    if (!current) return;
    // Choosing the model's own label is agreeing with it.
    queue.decide(current.reviewId, label === current.suggestedLabel ? { verdict: 'accept' } : { verdict: 'correct', label });
  };
  const accept = () => current && queue.decide(current.reviewId, { verdict: 'accept' });
  const reject = () => current && queue.decide(current.reviewId, { verdict: 'reject' });

  const actions: Record<string, () => void> = {
    [REVIEW_KEYS.reload]: queue.reload,
    ...(current ? { [REVIEW_KEYS.accept]: accept, [REVIEW_KEYS.reject]: reject } : {}),
    ...(index + 1 < reviews.length ? { [REVIEW_KEYS.next]: () => queue.move(1), ArrowRight: () => queue.move(1) } : {}),
    ...(index > 0 ? { [REVIEW_KEYS.previous]: () => queue.move(-1), ArrowLeft: () => queue.move(-1) } : {}),
  };
  useHotkeys((key) => {
    const label = current && /^[1-9]$/.test(key) && Number(key) <= labels.length ? Number(key) - 1 : -1;
    const action = actions[key] ?? (label >= 0 ? () => correct(label) : undefined);
    action?.();
    return action !== undefined;
  });

  return (
    <main className="annotate production-reviews">
      <header className="annotate__bar">
        <AppLink href={projectHref} className="annotate__back">
          ← {project.name}
        </AppLink>
        <h1 className="review__title">Production reviews</h1>
        <span className="muted" data-testid="queue-position">
          {reviews.length ? `${index + 1} of ${reviews.length} held` : 'none held'}
          {queue.open ? ` · ${queue.open.total} open in the project` : ''}
        </span>
        <span className={socket.live ? 'live is-live' : 'live'} data-testid="live">
          {socket.live ? 'live' : 'not live'}
        </span>
      </header>

      <section className="annotate__main">
        <ProductionReviewFilters labels={labels} modelVersions={queue.open?.modelVersions ?? []} value={queue.filters} onChange={queue.setFilters} />
        {current ? (
          <ProductionReviewView review={current} labels={labels} onCorrect={correct} />
        ) : queue.loadError ? (
          <ErrorMessage message={`Could not claim reviews: ${queue.loadError}`} testId="load-error" />
        ) : !queue.loaded ? (
          <p className="muted" data-testid="loading">
            Claiming reviews…
          </p>
        ) : (
          <div className="all-done" data-testid="all-done">
            <h2>Nothing to review</h2>
            <p>No routed prediction {queue.filters.modelVersion !== undefined || queue.filters.label !== undefined ? 'matching these filters ' : ''}is waiting for you. New ones show up here as they are routed.</p>
          </div>
        )}

        {queue.notice && (
          <p className={queue.notice.kind === 'error' ? 'alert alert--error' : 'alert'} role="status" data-testid="notice">
            {queue.notice.text}
          </p>
        )}

        <div className="action-row" role="toolbar" aria-label="Actions">
          <ActionButton label="Accept" keyName={REVIEW_KEYS.accept} onClick={accept} disabled={!current} primary testId="accept" />
          <ActionButton label="Reject as invalid input" keyName={REVIEW_KEYS.reject} onClick={reject} disabled={!current} testId="reject" />
          <ActionButton label="Previous" keyName={REVIEW_KEYS.previous} onClick={() => queue.move(-1)} disabled={index === 0} testId="previous" />
          <ActionButton label="Next" keyName={REVIEW_KEYS.next} onClick={() => queue.move(1)} disabled={index + 1 >= reviews.length} testId="next" />
          <ActionButton label="Reload" keyName={REVIEW_KEYS.reload} onClick={queue.reload} testId="reload" />
          <span className="muted next-status">
            Correct with a label’s number key{labels.length > 9 ? ' (labels past 9: click)' : ''}; ←/→ also move.
          </span>
        </div>
      </section>

      {ROLE_RANK[project.myRole] >= ROLE_RANK.engineer && (
        // Engineers and owners: verdicts the project's webhook could not deliver, with a Retry button each.
        <section className="production-reviews__webhooks" data-testid="webhook-deliveries-slot" aria-label="Webhook deliveries">
          <h2>Webhook dead letters</h2>
          <WebhookDeliveries projectId={project.id} />
        </section>
      )}
    </main>
  );
}
