// One QueryClient policy for the app: no retries on 4xx, and any 401 means the session is gone.
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError, isRetryable } from './api-client';
import { queryKeys } from './query-keys';

export function createQueryClient(): QueryClient {
  const onError = (err: unknown) => {
    if (isApiError(err, 401)) client.setQueryData(queryKeys.me, null);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { retry: (n, err) => n < 2 && isRetryable(err), staleTime: 10_000 },
      mutations: { retry: false },
    },
  });
  return client;
}
