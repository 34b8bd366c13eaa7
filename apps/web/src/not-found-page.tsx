import { AppLink } from '@arbiter/web/ui';
import { useLocation } from '@tanstack/react-router';
import { useDocumentTitle } from './use-document-title';

/** A path no screen answers (or a malformed id in one): say so, and offer the way home. */
export function NotFoundPage() {
  const path = useLocation({ select: (l) => l.pathname });
  useDocumentTitle('Page not found');
  return (
    <main className="page" data-testid="not-found">
      <h1>Page not found</h1>
      <p className="muted">
        There is no page at <code>{path}</code>.
      </p>
      <AppLink href="/projects">Go to your projects</AppLink>
    </main>
  );
}
