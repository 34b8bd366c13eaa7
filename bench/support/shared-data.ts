// Reads the read-only reference data beside the repository (../shared/data), refusing any file whose SHA256 is
// not the one SHA256SUMS lists, so a figure is never measured on silently different data.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

export const SHARED_DATA = resolve(__dirname, '../../../shared/data');

export const YOUTUBE_CSVS = ['Youtube01-Psy.csv', 'Youtube02-KatyPerry.csv', 'Youtube03-LMFAO.csv', 'Youtube04-Eminem.csv', 'Youtube05-Shakira.csv'];

export function readSharedFile(name: string): Buffer {
  const listed = readFileSync(resolve(SHARED_DATA, 'SHA256SUMS'), 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+\*?/))
    .find(([, file]) => file === name)?.[0];
  const bytes = readFileSync(resolve(SHARED_DATA, name));
  const actual = createHash('sha256').update(bytes).digest('hex');
  if (actual !== listed) throw new Error(`shared/data/${name}: SHA256 ${actual}, SHA256SUMS lists ${listed ?? 'nothing'}`);
  return bytes;
}

/** The `CONTENT` of every row of the five YouTube Spam Collection CSVs, in file and row order (1956 comments). */
export function youtubeComments(): string[] {
  return YOUTUBE_CSVS.flatMap((name) =>
    (parse(readSharedFile(`youtube-spam/${name}`), { columns: true }) as Record<string, string>[]).map((row) => row['CONTENT']),
  );
}
