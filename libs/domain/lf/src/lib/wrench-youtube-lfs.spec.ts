// Recomputes WRENCH youtube's LF columns 0-6 from the raw YouTube Spam Collection with this library's LF kinds,
// and shows which text semantics (substring keywords, Python word splitting) it takes to match cell for cell.
import { applyLfs, type LfDefinition, splitWords } from '../index'; // through the public API
import { loadFixture } from './fixtures.testing';
import { loadYoutubeData, SPLITS, type SplitName } from './youtube-spam.testing';

interface NamedLf {
  name: string;
  column: number;
  definition: LfDefinition;
}

const { lfs } = loadFixture<{ lfs: NamedLf[] }>('youtube-spam-lfs.json');
const data = loadYoutubeData();
// Row counts from shared/data/README.md.
const ROWS: Record<SplitName, number> = { train: 1586, valid: 120, test: 250 };

/** Cells (row, column) where `vote(text, column)` differs from WRENCH's weak_labels. */
function mismatches(split: SplitName, vote: (text: string) => number[], columns: number[]) {
  const cells: { row: number; column: number; ours: number; wrench: number }[] = [];
  data.splits[split].forEach((row, i) => {
    const ours = vote(row.text);
    columns.forEach((column, j) => {
      const wrench = data.wrench[split][i].weak_labels[column];
      if (ours[j] !== wrench) cells.push({ row: i, column, ours: ours[j], wrench });
    });
  });
  return cells;
}

const votesOf = (definitions: LfDefinition[]) => (text: string) => [...applyLfs({ lfs: definitions, items: [{ text }] }).votes];

describe('WRENCH youtube columns 0-6 from the raw CSVs', () => {
  it('reads only data whose SHA256 is listed in SHA256SUMS (split.json is not listed)', () => {
    for (const file of data.files.filter((f) => f.name !== 'youtube-spam/split.json')) {
      expect({ file: file.name, sha256: file.sha256 }).toEqual({ file: file.name, sha256: file.listed });
    }
    expect(data.files.find((f) => f.name === 'youtube-spam/split.json')?.listed).toBeUndefined();
  });

  // split.json has no listed sum, so it is checked against the listed files instead: each named row must carry
  // WRENCH's text and label, and the CSV's CLASS must equal its gold.
  it.each(SPLITS)('%s: split.json names, row for row, the comment and label WRENCH has', (split) => {
    const rows = data.splits[split];
    expect(rows).toHaveLength(ROWS[split]);
    expect(data.wrench[split]).toHaveLength(ROWS[split]);
    rows.forEach((row, i) => {
      const wrench = data.wrench[split][i];
      expect({ i, text: row.text, gold: row.gold, csvClass: row.csvClass }).toEqual({ i, text: wrench.data.text, gold: wrench.label, csvClass: wrench.label });
    });
  });

  it.each(SPLITS)('%s: the 7 LFs reproduce weak_labels[0..6] cell for cell', (split) => {
    const items = data.splits[split].map((row) => ({ text: row.text }));
    const L = applyLfs({ lfs: lfs.map((lf) => lf.definition), items });
    expect([L.n, L.m]).toEqual([ROWS[split], 7]);
    const wrenchColumns = data.wrench[split].flatMap((row) => lfs.map((lf) => row.weak_labels[lf.column]));
    expect([...L.votes]).toEqual(wrenchColumns);
    // Every LF votes somewhere, so the comparison is not between empty columns.
    for (let j = 0; j < 7; j++) expect(wrenchColumns.filter((v, k) => k % 7 === j && v !== -1).length).toBeGreaterThan(0);
  });

  it('splitting on JavaScript \\s (which takes U+FEFF as a space) changes short_comment on exactly 12 rows', () => {
    const jsShortComment = (text: string) => [text.split(/\s+/).filter((w) => w !== '').length < 5 ? 0 : -1];
    const perSplit = SPLITS.map((split) => mismatches(split, jsShortComment, [6]));
    expect(perSplit.map((cells) => cells.length)).toEqual([10, 1, 1]);
    for (const [s, cells] of perSplit.entries()) {
      for (const { row, ours, wrench } of cells) {
        const text = data.splits[SPLITS[s]][row].text;
        // Each is four words and a lone trailing U+FEFF ("I love your music \uFEFF"): a fifth word to Python.
        expect({ ours, wrench, python: splitWords(text), js: text.split(/\s+/).filter((w) => w !== "").length })
          .toEqual({ ours: 0, wrench: -1, python: [...text.split(/\s+/).filter((w) => w !== ""), "\uFEFF"], js: 4 });
      }
    }
  });

  // The README describes the keyword LFs as whole-word matches, but WRENCH (like the Snorkel tutorial) tests
  // substrings: "my" fires on "myself", "song" on "songs", "subscribe" on "subscribers".
  it('whole-word keyword matching disagrees with WRENCH on 14 / 77 / 197 / 37 / 130 rows of columns 0-4', () => {
    const asWords = lfs.slice(0, 5).map(({ definition }) => ({ ...definition, match: 'word' }) as LfDefinition);
    const counts = [0, 0, 0, 0, 0];
    for (const split of SPLITS) for (const cell of mismatches(split, votesOf(asWords), [0, 1, 2, 3, 4])) counts[cell.column]++;
    expect(counts).toEqual([14, 77, 197, 37, 130]);
  });
});
