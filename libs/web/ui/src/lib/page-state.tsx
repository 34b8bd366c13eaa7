import { AppLink } from './app-link';
import { ErrorMessage, type ErrorMessageProps } from './error-message';

/** What a page shows while the thing it is about loads. */
export function LoadingPage({ what }: { what: string }) {
  return <main className="page muted">Loading {what}…</main>;
}

export interface ErrorPageProps {
  error: ErrorMessageProps;
  backHref: string;
  backLabel: string;
}

/** A page that cannot be shown: why, and a way back. */
export function ErrorPage({ error, backHref, backLabel }: ErrorPageProps) {
  return (
    <main className="page">
      <ErrorMessage {...error} />
      <AppLink href={backHref}>{backLabel}</AppLink>
    </main>
  );
}
