import { userSchema, type User } from '@arbiter/contracts';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest, isApiError } from '../api-client';
import { queryKeys } from '../query-keys';

/** `GET /api/auth/me`: the signed-in user, or `null` when there is no session. */
export async function getMe(signal?: AbortSignal): Promise<User | null> {
  try {
    return await apiRequest('/api/auth/me', { signal }, userSchema);
  } catch (err) {
    if (isApiError(err, 401)) return null;
    throw err;
  }
}

export const meQueryOptions = () =>
  queryOptions({ queryKey: queryKeys.me, queryFn: ({ signal }) => getMe(signal), staleTime: Infinity });

export function useMe() {
  return useQuery(meQueryOptions());
}
