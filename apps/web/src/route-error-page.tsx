import { errorView } from '@arbiter/web/data-access';
import { ErrorPage } from '@arbiter/web/ui';
import type { ErrorComponentProps } from '@tanstack/react-router';
import { useDocumentTitle } from './use-document-title';

/** What a screen shows when what it needs could not be loaded (a project that is gone, a server that is down). */
export function RouteErrorPage({ error }: ErrorComponentProps) {
  useDocumentTitle('Error');
  return <ErrorPage error={errorView(error)} backHref="/projects" backLabel="Back to projects" />;
}
