import { userSchema, type LoginRequest, type User } from '@arbiter/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';

/** `POST /api/auth/login`: the server sets the session cookie. */
export function login(body: LoginRequest): Promise<User> {
  return apiRequest('/api/auth/login', { method: 'POST', json: body }, userSchema);
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (user) => {
      // Nothing cached belongs to the new user.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.me[0] });
      qc.setQueryData(queryKeys.me, user);
    },
  });
}
