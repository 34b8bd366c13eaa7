import { annotationSchema, type Annotation, type SubmitAnnotationRequest } from '@arbiter/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, isRetryable } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

/**
 * `POST /api/projects/:projectId/annotations` → 201, or 200 when the idempotency key was seen before;
 * 409 when the item was completed elsewhere after this annotator's lease was lost.
 */
export function submitAnnotation(projectId: string, body: SubmitAnnotationRequest): Promise<Annotation> {
  return apiRequest(projectPath(projectId, '/annotations'), { method: 'POST', json: body }, annotationSchema);
}

export function useSubmitAnnotation(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SubmitAnnotationRequest) => submitAnnotation(projectId, body),
    // Safe to retry: the same body carries the same idempotency key, so the server stores it once.
    retry: (n, err) => n < 3 && isRetryable(err),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.stats(projectId) }),
  });
}
