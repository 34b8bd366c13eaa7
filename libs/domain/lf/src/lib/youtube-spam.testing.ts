// Test-only: the YouTube Spam Collection rows named by split.json, in split order, beside WRENCH youtube's rows
// of the same split (WRENCH ids "0".."n-1" follow the same order).
import { parse } from 'csv-parse/sync';
import { readSharedFile, type SharedFile } from './fixtures.testing';

export const SPLITS = ['train', 'valid', 'test'] as const;
export type SplitName = (typeof SPLITS)[number];

const CSV_FILES = ['Youtube01-Psy.csv', 'Youtube02-KatyPerry.csv', 'Youtube03-LMFAO.csv', 'Youtube04-Eminem.csv', 'Youtube05-Shakira.csv'];

export interface SplitRow {
  video: number;
  csvRow: number;
  gold: number;
  /** The CSV's CONTENT and CLASS. */
  text: string;
  csvClass: number;
}

export interface WrenchRow {
  data: { text: string };
  label: number;
  weak_labels: number[];
}

export interface YoutubeData {
  files: SharedFile[];
  splits: Record<SplitName, SplitRow[]>;
  wrench: Record<SplitName, WrenchRow[]>;
}

interface SplitJson {
  lf_names_for_L: string[];
  train: { video: number; csv_row: number; gold: number }[];
  valid: { video: number; csv_row: number; gold: number }[];
  test: { video: number; csv_row: number; gold: number }[];
}

export function loadYoutubeData(): YoutubeData {
  const csvFiles = CSV_FILES.map((name) => readSharedFile(`youtube-spam/${name}`));
  // csv-parse reads quoted newlines and doubled quotes as Python's csv module does; record k = csv_row k.
  const csvs = csvFiles.map((f) => parse(f.bytes, { columns: true }) as Record<string, string>[]);
  const splitFile = readSharedFile('youtube-spam/split.json');
  const split = JSON.parse(splitFile.bytes.toString('utf8')) as SplitJson;
  const wrenchFiles = SPLITS.map((s) => readSharedFile(`wrench-youtube/${s}.json`));
  const rowsOf = (s: SplitName): SplitRow[] =>
    split[s].map(({ video, csv_row, gold }) => {
      const record = csvs[video - 1][csv_row];
      return { video, csvRow: csv_row, gold, text: record['CONTENT'], csvClass: Number(record['CLASS']) };
    });
  const wrenchOf = (i: number): WrenchRow[] => {
    const byId = JSON.parse(wrenchFiles[i].bytes.toString('utf8')) as Record<string, WrenchRow>;
    return Object.keys(byId).map((_, k) => byId[String(k)]);
  };
  return {
    files: [...csvFiles, splitFile, ...wrenchFiles],
    splits: { train: rowsOf('train'), valid: rowsOf('valid'), test: rowsOf('test') },
    wrench: { train: wrenchOf(0), valid: wrenchOf(1), test: wrenchOf(2) },
  };
}
