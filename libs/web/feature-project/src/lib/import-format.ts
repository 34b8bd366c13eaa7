import { INGEST_FORMATS } from '@arbiter/contracts';

export type IngestFormat = (typeof INGEST_FORMATS)[number];

/** The format a file name suggests; the user can still change it. */
export function formatFromFileName(name: string): IngestFormat | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === 'csv') return 'csv';
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  if (ext === 'json') return 'json';
  return null;
}
