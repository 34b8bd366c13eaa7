import type { ExportQuery } from '@arbiter/contracts';
import { apiUrl } from '../api-client';
import { projectPath } from './project-path';

/** `GET /api/projects/:projectId/export?format=`: a download, so the page links to it instead of fetching. */
export function exportUrl(projectId: string, format: ExportQuery['format']): string {
  return apiUrl(projectPath(projectId, '/export'), { format });
}
