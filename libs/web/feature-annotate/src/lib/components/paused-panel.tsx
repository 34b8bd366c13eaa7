import { ACTION_KEYS, AppLink, Kbd } from '@arbiter/web/ui';

export interface PausedPanelProps {
  /** The server's explanation: the accuracy on check items, the project's minimum, and what to do. */
  message: string;
  projectHref: string;
}

/** Shown instead of the task when gold checks paused the annotator; nothing retries until they press r. */
export function PausedPanel({ message, projectHref }: PausedPanelProps) {
  return (
    <div className="paused" role="alert" data-testid="paused">
      <h2>Labeling is paused for you</h2>
      <p className="paused__message" data-testid="paused-message">
        {message}
      </p>
      <p className="muted">
        Press <Kbd keyName={ACTION_KEYS.guidelines} /> to read the guidelines. Once an owner has resumed you, press{' '}
        <Kbd keyName={ACTION_KEYS.reload} /> to continue.
      </p>
      <AppLink className="btn" href={projectHref}>
        Back to the project
      </AppLink>
    </div>
  );
}
