import type { SnapshotFormat, SnapshotRowsQuery } from '@arbiter/contracts';
import { apiUrl } from '../api-client';
import { projectPath } from './project-path';

/** `GET /api/projects/:projectId/snapshots/:version/rows?split=&format=`: a download, so the page links to it (same-origin cookie). */
export function snapshotRowsUrl(projectId: string, version: number, split: SnapshotRowsQuery['split'], format: SnapshotFormat): string {
  return apiUrl(projectPath(projectId, `/snapshots/${version}/rows`), { split, format });
}
