import { routingPolicyViewSchema, type RoutingPolicyView } from '@arbiter/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

/** `POST /api/projects/:projectId/routing/proposals/:proposalId/approve` (engineer+): its policy becomes the next version, once. */
export function approveRoutingProposal(projectId: string, proposalId: string): Promise<RoutingPolicyView> {
  return apiRequest(projectPath(projectId, `/routing/proposals/${encodeURIComponent(proposalId)}/approve`), { method: 'POST', json: {} }, routingPolicyViewSchema);
}

export function useApproveRoutingProposal(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (proposalId: string) => approveRoutingProposal(projectId, proposalId),
    onSuccess: (policy) => qc.setQueryData(queryKeys.routingPolicy(projectId), policy),
    // The proposal now names its version, and the capacity's policy price may have moved.
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.routing(projectId) }),
  });
}
