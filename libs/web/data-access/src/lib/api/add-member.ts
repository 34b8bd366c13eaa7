import { memberSchema, type AddMemberRequest, type Member } from '@arbiter/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

/** `POST /api/projects/:projectId/members` (owner) → 201 `Member`. */
export function addMember(projectId: string, body: AddMemberRequest): Promise<Member> {
  return apiRequest(projectPath(projectId, '/members'), { method: 'POST', json: body }, memberSchema);
}

export function useAddMember(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AddMemberRequest) => addMember(projectId, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.members(projectId) }),
  });
}
