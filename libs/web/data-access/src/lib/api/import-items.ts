import { importQuerySchema, importReportSchema, type ImportReport } from '@arbiter/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiRequest, isApiError } from '../api-client';
import { queryKeys } from '../query-keys';
import { projectPath } from './project-path';

/** The query string as sent (before the server's defaults and transforms). */
export type ImportQueryInput = z.input<typeof importQuerySchema>;

export interface ImportItemsInput {
  file: Blob;
  query: ImportQueryInput;
}

/**
 * `POST /api/projects/:projectId/imports?…`: the file is the body, streamed as is (no multipart, no reading it
 * into memory). 200 `ImportReport`; 422 when rejected (see `importRejection`); 400 for a whole-file problem.
 */
export function importItems(projectId: string, { file, query }: ImportItemsInput): Promise<ImportReport> {
  return apiRequest(
    projectPath(projectId, '/imports'),
    {
      method: 'POST',
      body: file,
      headers: { 'content-type': 'application/octet-stream' },
      query,
    },
    importReportSchema,
  );
}

/** A 422 answer carries the row errors and the report of what was read; nothing was written. */
export function importRejection(err: unknown): ImportReport | null {
  if (!isApiError(err, 422) || typeof err.body !== 'object' || err.body === null) return null;
  const parsed = importReportSchema.safeParse((err.body as { report?: unknown }).report);
  return parsed.success ? parsed.data : null;
}

export function useImportItems(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ImportItemsInput) => importItems(projectId, input),
    onSettled: () => qc.invalidateQueries({ queryKey: queryKeys.stats(projectId) }),
  });
}
