import { countsLabels, countsTable } from './datasheet-counts';
import { countsChartOption, countsDescription } from './snapshot-chart-options';

const COUNTS = { train: { ham: 30, spam: 17 }, valid: { ham: 4, spam: 2 }, test: { spam: 2, ham: 3, other: 1 } };

describe('datasheet counts', () => {
  it('orders labels as the project does, then any other name, and totals rows and splits', () => {
    expect(countsLabels(COUNTS, ['spam', 'ham'])).toEqual(['spam', 'ham', 'other']);
    const t = countsTable(COUNTS, ['ham', 'spam']);
    expect(t.rows).toEqual([
      { label: 'ham', bySplit: { train: 30, valid: 4, test: 3 }, total: 37 },
      { label: 'spam', bySplit: { train: 17, valid: 2, test: 2 }, total: 21 },
      { label: 'other', bySplit: { train: 0, valid: 0, test: 1 }, total: 1 },
    ]);
    expect([t.totals, t.total]).toEqual([{ train: 47, valid: 6, test: 6 }, 59]);
  }, 5_000);

  it('draws one stacked bar per split with a segment per label, and says so in words', () => {
    const t = countsTable(COUNTS, ['ham', 'spam']);
    const option = countsChartOption(t);
    const series = option.series as { name: string; stack: string; data: number[] }[];
    expect(series.map((s) => [s.name, s.stack, s.data])).toEqual([
      ['ham', 'rows', [30, 4, 3]],
      ['spam', 'rows', [17, 2, 2]],
      ['other', 'rows', [0, 0, 1]],
    ]);
    expect(countsDescription(t)).toBe('Rows by split and label, 59 in all: train 47 (ham 30, spam 17, other 0); valid 6 (ham 4, spam 2, other 0); test 6 (ham 3, spam 2, other 1).');
  }, 5_000);

  it('has an empty table for an empty snapshot', () => {
    expect(countsTable({ train: {}, valid: {}, test: {} })).toEqual({ rows: [], totals: { train: 0, valid: 0, test: 0 }, total: 0 });
  }, 5_000);
});
