// How LF figures read on screen: Snorkel's fractions as percentages with one decimal (coverage moves in small
// steps worth seeing), counts with separators, labels by name, and a one-line summary of each definition.
import type { Lf, LfDefinitionDto, LfRun, LfKindName } from '@arbiter/contracts';

interface NamedLabel {
  name: string;
}

export const KIND_NAMES: Record<LfKindName, string> = {
  keyword: 'keywords',
  regex: 'regex',
  threshold: 'threshold',
  'word-count': 'word count',
  code: 'code',
  model: 'model',
};

/** 0.25 → "25.0%"; null (undefined on these data) → "—". */
export function formatFraction(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—';
  return `${(x * 100).toFixed(1)}%`;
}

export function formatCount(n: number | null): string {
  return n === null ? '—' : n.toLocaleString('en-US');
}

export function labelName(labels: readonly NamedLabel[], label: number): string {
  if (label === -1) return 'abstain';
  return labels[label]?.name ?? `label ${label}`;
}

/** The labels an LF has voted, by name; "—" when it never voted. */
export function polarityText(polarity: readonly number[], labels: readonly NamedLabel[]): string {
  return polarity.length === 0 ? '—' : polarity.map((l) => labelName(labels, l)).join(', ');
}

export function versionText(version: number): string {
  return `v${version}`;
}

const quote = (s: string) => JSON.stringify(s);

/** One line saying what the definition does, e.g. `words "free" or "win" → spam`. */
export function definitionSummary(def: LfDefinitionDto, labels: readonly NamedLabel[]): string {
  switch (def.kind) {
    case 'keyword': {
      const shown = def.keywords.slice(0, 5).map(quote).join(' or ');
      const more = def.keywords.length > 5 ? ` (+${def.keywords.length - 5})` : '';
      return `${def.match === 'substring' ? 'contains' : 'word'} ${shown}${more} → ${labelName(labels, def.label)}`;
    }
    case 'regex':
      return `/${def.pattern}/${def.flags} → ${labelName(labels, def.label)}`;
    case 'threshold':
      return `metadata.${def.field} ${def.op} ${def.value} → ${labelName(labels, def.label)}`;
    case 'word-count':
      return `word count ${def.op} ${def.value} → ${labelName(labels, def.label)}`;
    case 'model': {
      const votes = def.label === undefined ? 'its label' : labelName(labels, def.label);
      return `model v${def.modelVersion} at ≥ ${Math.round(def.minConfidence * 100)}% → ${votes}`;
    }
    case 'code': {
      const line = def.source.split('\n').map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('//')) ?? '';
      return line.length > 80 ? `${line.slice(0, 79)}…` : line;
    }
  }
}

export type LfStatusKind = 'error' | 'pending' | 'disabled' | 'waiting' | 'ok';

export interface LfStatus {
  kind: LfStatusKind;
  text: string;
  /** The whole story, for a tooltip. */
  title: string;
}

/** What the status column says: an error first (its votes are left out), then votes still being computed. */
export function lfStatus(lf: Pick<Lf, 'current' | 'enabled' | 'pending' | 'stats'>): LfStatus {
  const { error } = lf.current;
  if (error) {
    // The sandbox's messages already end "on item 42"; others get the item added.
    const where = error.itemId === null || error.message.includes(`item ${error.itemId}`) ? '' : ` (item ${error.itemId})`;
    return { kind: 'error', text: `error: ${error.message}${where}`, title: 'Its votes are left out of the label model until it is fixed' };
  }
  if (lf.pending) return { kind: 'pending', text: 'pending', title: 'Votes of this version are still being computed' };
  if (!lf.enabled) return { kind: 'disabled', text: 'disabled', title: 'Not applied and not in the label model' };
  if (lf.stats === null) return { kind: 'waiting', text: 'awaiting fit', title: 'Applied; the label model has not been fitted with it yet' };
  return { kind: 'ok', text: 'ok', title: 'Applied and in the latest label model' };
}

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

/** The progress line of a run, and what the last one did once it ended. */
export function runText(run: LfRun): string {
  const versions = plural(run.lfVersions, 'LF version');
  if (run.status === 'running') {
    return `Applying ${versions}: ${formatCount(run.itemsDone)} of ${plural(run.itemsTotal, 'item')} (${run.chunksDone}/${run.chunksTotal} chunks)`;
  }
  if (run.status === 'failed') return `The last run failed: ${run.error ?? 'unknown error'}`;
  return `Last run applied ${versions} to ${plural(run.itemsTotal, 'item')}`;
}
