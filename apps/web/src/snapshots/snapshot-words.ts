// What the snapshots screen says in words: a build's status and phase, where labels come from, why items were left
// out, and a policy as one sentence. Plain functions over the contract's types, so the specs read like the screen.
import type { Datasheet, LabelPolicy, LabelSource, SnapshotEvent, SnapshotView } from '@arbiter/contracts';

export const SOURCE_WORDS: Record<LabelSource, string> = {
  gold: 'gold imported with the item',
  consensus: 'annotation consensus',
  review: 'review decision',
  'production-verdict': 'production verdict',
  weak: 'weak label',
};

const PHASE_WORDS: Record<NonNullable<SnapshotEvent['phase']>, string> = {
  assigning: 'assigning splits',
  writing: 'writing rows',
  hashing: 'hashing rows',
  datasheet: 'writing the datasheet',
  parquet: 'writing the Parquet files',
};

/** The first 12 hex digits: enough to tell versions apart by eye; the copy button copies the whole hash. */
export const shortHash = (hash: string) => hash.slice(0, 12);

export interface BuildProgressView {
  text: string;
  done: number;
  /** Null while the build has not reported a total: the bar is indeterminate. */
  total: number | null;
}

/** A building version's progress: the socket's latest event for it, or "queued" before the first. */
export function buildProgress(build: SnapshotEvent | undefined): BuildProgressView {
  if (!build || build.status !== 'building' || build.phase === null) return { text: 'Building: queued', done: 0, total: null };
  const counted = build.total > 0 ? ` ${build.done.toLocaleString('en')} / ${build.total.toLocaleString('en')}` : '';
  return { text: `Building: ${PHASE_WORDS[build.phase]}${counted}`, done: build.done, total: build.total > 0 ? build.total : null };
}

/** The status column's words for a version that is not building. */
export function statusText(view: Pick<SnapshotView, 'status' | 'error'>): string {
  if (view.status === 'complete') return 'Complete';
  if (view.status === 'failed') return view.error ? `Failed: ${view.error}` : 'Failed';
  return 'Building';
}

export interface ExclusionLine {
  key: keyof Datasheet['exclusions'];
  text: string;
  count: number;
}

const EXCLUSION_WORDS: Record<keyof Datasheet['exclusions'], string> = {
  unlabeled: 'no label yet',
  underAdjudication: 'waiting for a reviewer’s decision',
  openDisagreement: 'annotators disagree and no review has settled it',
  sourceExcluded: 'their label’s source is not in the policy',
  weakBelowConfidence: 'weak label below the minimum confidence',
};

/** Every reason items were left out, in the datasheet's order, with those that left none out too (a zero is news). */
export function exclusionLines(e: Datasheet['exclusions']): ExclusionLine[] {
  return (Object.keys(EXCLUSION_WORDS) as (keyof Datasheet['exclusions'])[]).map((key) => ({ key, text: EXCLUSION_WORDS[key], count: e[key] }));
}

/** A policy as one sentence, e.g. "Sources: gold …, annotation consensus; weak labels at confidence ≥ 0.90; …". */
export function policySentence(p: LabelPolicy): string {
  const sources = p.sources.map((s) => SOURCE_WORDS[s]).join(', ');
  const weak = p.sources.includes('weak') ? `; weak labels at confidence ≥ ${p.weakMinConfidence.toFixed(2)}` : '';
  const adjudication = p.includeUnderAdjudication ? 'items under adjudication in (with their current consensus)' : 'items under adjudication out';
  const disagreements = p.includeOpenDisagreements ? 'open disagreements in' : 'open disagreements out';
  return `Sources: ${sources}${weak}; ${adjudication}; ${disagreements}.`;
}

export const percentText = (share: number) => `${(share * 100).toFixed(1)}%`;
