import { createQueryClient } from '@arbiter/web/data-access';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pathFromLegacyHash } from './legacy-hash';
import { createAppRouter } from './router';
import './components.css';
import './app.css';

// A bookmark from the hash-router days (`/#/projects/<id>`) becomes its path before the router reads the URL.
const legacyPath = pathFromLegacyHash(window.location.hash);
if (legacyPath) window.history.replaceState(null, '', legacyPath);

const queryClient = createQueryClient();
const router = createAppRouter(queryClient);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
