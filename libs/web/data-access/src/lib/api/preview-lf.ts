import { lfPreviewResponseSchema, type LfPreviewRequest, type LfPreviewResponse } from '@arbiter/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../api-client';
import { projectPath } from './project-path';

/**
 * `POST /api/projects/:projectId/lfs/preview` (engineer+): a definition's votes on a sample, stored nowhere.
 * A definition that does not compile (a code LF's syntax error) is a 400 naming the field or line.
 */
export function previewLf(projectId: string, body: LfPreviewRequest, signal?: AbortSignal): Promise<LfPreviewResponse> {
  return apiRequest(projectPath(projectId, '/lfs/preview'), { method: 'POST', json: body, signal }, lfPreviewResponseSchema);
}

export function usePreviewLf(projectId: string) {
  return useMutation({ mutationFn: (body: LfPreviewRequest) => previewLf(projectId, body) });
}
