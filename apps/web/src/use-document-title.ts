import { useEffect } from 'react';
import { pageTitle } from './page-title';

/** Names the browser tab after the screen on show (`Annotate · Spam triage · Arbiter`). */
export function useDocumentTitle(...parts: Array<string | undefined>): void {
  const title = pageTitle(...parts);
  useEffect(() => {
    document.title = title;
  }, [title]);
}
