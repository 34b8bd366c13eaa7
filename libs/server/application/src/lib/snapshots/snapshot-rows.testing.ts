// Test-only: snapshot rows with the values that break naive writers (quotes, backslashes, newlines, control
// characters, non-BMP characters, spreadsheet formulas, nulls in every nullable column, multi-label rows, weak labels).
import type { SnapshotRow } from '@arbiter/contracts';

const TEXTS = ['plain', 'say "hi", \\ back\\slash', 'line\nbreak\r\n\ttab', 'é ü 中文 😀 \u2028 \u0001', '=SUM(A1:A2)', '@cmd', 'a;b|c'];

export function snapshotRow(i: number): SnapshotRow {
  const weak = i % 5 === 0;
  return {
    itemId: String(1000 + i),
    externalId: i % 3 === 0 ? null : `ext-${i}`,
    text: `${TEXTS[i % TEXTS.length]} #${i}`,
    imageUrl: i % 4 === 0 ? `https://img.example/${i}.png` : null,
    metadata: i % 2 ? { author: `a${i % 7}`, nested: { n: i, list: [1, 'x', null] } } : {},
    label: i % 6 === 0 ? 'pos|neu' : 'pos',
    labels: i % 6 === 0 ? ['pos', 'neu'] : ['pos'],
    source: weak ? 'weak' : 'consensus',
    confidence: weak ? 0.9123456789 : i % 2 ? 1 : 2 / 3,
    annotators: weak ? 0 : 3,
    agreement: weak ? null : 2 / 3,
    lfVersionIds: weak ? [String(i), '77'] : null,
    labelModelId: weak ? '12' : null,
    split: (['train', 'valid', 'test'] as const)[i % 3],
  };
}
