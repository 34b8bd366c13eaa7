// `client.items.import`: the import route streams the request body (a file, bytes or a stream) into the project.
import type { ImportReport, importQuerySchema } from '@arbiter/contracts';
import type { z } from 'zod';
import { HttpTransport, projectPath } from './http-transport';

export type ImportOptions = z.input<typeof importQuerySchema>;
/** A Blob (e.g. `await fs.openAsBlob(path)`, which sends a Content-Length), bytes, text, or a stream of bytes. */
export type ImportBody = Blob | Uint8Array | string | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

const CONTENT_TYPE: Record<ImportOptions['format'], string> = {
  csv: 'text/csv',
  jsonl: 'application/x-ndjson',
  json: 'application/octet-stream',
};

export class ItemsResource {
  constructor(private readonly http: HttpTransport) {}

  /** A rejected import (onError `reject`) throws a 422 ArbiterError whose `body.report` says what was read. */
  import(projectId: string, file: ImportBody, options: ImportOptions): Promise<ImportReport> {
    const { metadataFields, ...rest } = options;
    return this.http.json('POST', `${projectPath(projectId)}/imports`, {
      query: { ...rest, metadataFields: Array.isArray(metadataFields) ? metadataFields.join(',') : metadataFields },
      body: file as RequestInit['body'],
      headers: { 'content-type': CONTENT_TYPE[options.format] },
    });
  }
}
