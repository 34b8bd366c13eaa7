// The two active-learning datasets as the simulator reads them: JSON lines `{"text", "label"}` for a train pool and
// a held-out test set, derived from the checksummed files in ../shared/data and written to a temp directory (never
// into the repository). The hash of what was written keys the result cache, so a changed split invalidates it.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { shuffledIndices } from '@arbiter/util/random';
import { readSharedFile, SHARED_DATA, YOUTUBE_CSVS } from './shared-data';

export const WORK_DIR = join(tmpdir(), 'arbiter-active-learning');

export interface LabeledText {
  text: string;
  label: number;
}

export interface PreparedData {
  trainPath: string;
  testPath: string;
  trainRows: number;
  testRows: number;
  /** sha256 of the train and test files as written. */
  hash: string;
}

// The held-out slice of AG News: fixed, so every strategy and seed is scored on the same 1,600 rows.
export const AGNEWS_SPLIT_SEED = 9;
export const AGNEWS_TEST_ROWS = 1_600;

/** AG News test set (7,600 rows), shuffled with AGNEWS_SPLIT_SEED: the first 1,600 are the test set, the rest the pool. */
export function agnewsSplit(): { train: LabeledText[]; test: LabeledText[] } {
  const rows = readSharedFile('agnews-test/test.jsonl')
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { label: number; sentence: string })
    .map(({ label, sentence }): LabeledText => ({ text: sentence, label }));
  const order = Array.from(shuffledIndices(rows.length, AGNEWS_SPLIT_SEED), (i) => rows[i]);
  return { test: order.slice(0, AGNEWS_TEST_ROWS), train: order.slice(AGNEWS_TEST_ROWS) };
}

interface SplitRow {
  video: number;
  csv_row: number;
  gold: number;
}

interface WrenchRow {
  data: { text: string };
  label: number;
}

/**
 * YouTube Spam Collection on the Snorkel/WRENCH split (split.json): its train rows as the pool, its test rows held
 * out. SHA256SUMS does not list split.json, so every row it names is checked instead against WRENCH's `youtube`
 * (which is listed and holds the same rows in the same order): same text, same label, same count.
 */
export function youtubeSplit(): { train: LabeledText[]; test: LabeledText[] } {
  const csvs = YOUTUBE_CSVS.map((name) => parse(readSharedFile(`youtube-spam/${name}`), { columns: true }) as Record<string, string>[]);
  const split = JSON.parse(readFileSync(join(SHARED_DATA, 'youtube-spam/split.json'), 'utf8')) as Record<'train' | 'test', SplitRow[]>;
  const rowsOf = (part: 'train' | 'test') => {
    const wrench = Object.values(JSON.parse(readSharedFile(`wrench-youtube/${part}.json`).toString('utf8')) as Record<string, WrenchRow>);
    if (wrench.length !== split[part].length) throw new Error(`split.json ${part}: ${split[part].length} rows, WRENCH has ${wrench.length}`);
    return split[part].map(({ video, csv_row, gold }, i): LabeledText => {
      const row = csvs[video - 1]?.[csv_row];
      const label = Number(row?.['CLASS']);
      if (!row || label !== gold || row['CONTENT'] !== wrench[i].data.text || label !== wrench[i].label) {
        throw new Error(`split.json ${part} row ${i} (video ${video}, csv_row ${csv_row}) does not match the CSV and WRENCH's ${part}.json`);
      }
      return { text: row['CONTENT'], label };
    });
  };
  return { train: rowsOf('train'), test: rowsOf('test') };
}

/** Writes the split as JSON lines under WORK_DIR/<name>/ and returns the paths with a hash of their content. */
export function writeSplit(name: string, { train, test }: { train: LabeledText[]; test: LabeledText[] }): PreparedData {
  const dir = join(WORK_DIR, name);
  mkdirSync(dir, { recursive: true });
  const hash = createHash('sha256');
  const write = (file: string, rows: LabeledText[]) => {
    const body = rows.map(({ text, label }) => JSON.stringify({ text, label })).join('\n') + '\n';
    hash.update(`${file}\n${body}`);
    writeFileSync(join(dir, file), body);
    return join(dir, file);
  };
  const trainPath = write('train.jsonl', train);
  const testPath = write('test.jsonl', test);
  return { trainPath, testPath, trainRows: train.length, testRows: test.length, hash: hash.digest('hex') };
}
