// The active-learning settings form's state, and its translation into a PATCH checked by the shared contract.
// Numbers are edited as text (a half-typed field is not a value yet), shares as percentages; a retraining reason
// or the weak labels switched off keep their number, so switching back on restores it. Only the changed settings
// are sent (`retrain` as a whole, as the PATCH replaces it).
import {
  activeLearningSettingsSchema,
  DEFAULT_ACTIVE_LEARNING_SETTINGS,
  type ActiveLearningSettings,
  type AlStrategy,
  type ModelKind,
  type UpdateActiveLearningSettings,
} from '@arbiter/contracts';

export interface AlSettingsDraft {
  strategy: AlStrategy;
  batchSize: string;
  /** Blank: 10 × batch size. */
  topM: string;
  modelKind: ModelKind;
  warmUpLabels: string;
  retrainAfterLabels: boolean;
  afterNewLabels: string;
  retrainOnLfChange: boolean;
  retrainOnSchedule: boolean;
  everyMinutes: string;
  useWeakLabels: boolean;
  weakLabelWeight: string;
  weakLabelMinConfidencePercent: string;
}

/** Field errors keyed by the contract path, e.g. `retrain.everyMinutes`. */
export type DraftErrors = Record<string, string>;

// What a switched-off number shows when switched on for the first time.
const OFF_DEFAULTS = { afterNewLabels: 50, everyMinutes: 60, weakLabelWeight: 0.5 };

/** 0.2 → "20" (rounded past binary noise). */
export function percentText(fraction: number): string {
  return String(Math.round(fraction * 1e6) / 1e4);
}

/** "12.5" → 0.125; blank or not a number → NaN, which the contract rejects with a field error. */
export function parsePercent(text: string): number {
  const n = parseNumber(text.trim().replace(/%$/, ''));
  return Number.isFinite(n) ? Math.round(n * 1e4) / 1e6 : Number.NaN;
}

/** A number as typed; blank or not a number → NaN. */
export function parseNumber(text: string): number {
  const t = text.trim();
  const n = t === '' ? Number.NaN : Number(t);
  return Number.isFinite(n) ? n : Number.NaN;
}

export function settingsDraft(s: ActiveLearningSettings): AlSettingsDraft {
  return {
    strategy: s.strategy,
    batchSize: String(s.batchSize),
    topM: s.topM === null ? '' : String(s.topM),
    modelKind: s.modelKind,
    warmUpLabels: String(s.warmUpLabels),
    retrainAfterLabels: s.retrain.afterNewLabels !== null,
    afterNewLabels: String(s.retrain.afterNewLabels ?? OFF_DEFAULTS.afterNewLabels),
    retrainOnLfChange: s.retrain.onLfChange,
    retrainOnSchedule: s.retrain.everyMinutes !== null,
    everyMinutes: String(s.retrain.everyMinutes ?? OFF_DEFAULTS.everyMinutes),
    useWeakLabels: s.weakLabelWeight !== null,
    weakLabelWeight: String(s.weakLabelWeight ?? OFF_DEFAULTS.weakLabelWeight),
    weakLabelMinConfidencePercent: percentText(s.weakLabelMinConfidence),
  };
}

export const DEFAULT_SETTINGS_DRAFT = settingsDraft(DEFAULT_ACTIVE_LEARNING_SETTINGS);

/** The draft differs from what is stored (compared as shown, so "50" retyped over 50 is no change). */
export function isDraftChanged(d: AlSettingsDraft, saved: ActiveLearningSettings): boolean {
  const base = settingsDraft(saved);
  return (Object.keys(base) as (keyof AlSettingsDraft)[]).some((k) => {
    const a = d[k];
    const b = base[k];
    return typeof a === 'string' && typeof b === 'string' ? a.trim() !== b : a !== b;
  });
}

function friendlyMessage(path: string, message: string): string {
  switch (path) {
    case 'batchSize':
      return 'A whole number from 1 to 1,000';
    case 'topM':
      return 'A whole number from 1 to 100,000, or blank for 10 × the batch size';
    case 'warmUpLabels':
      return 'A whole number from 0 to 1,000,000';
    case 'retrain.afterNewLabels':
      return 'A whole number from 1 to 1,000,000';
    case 'retrain.everyMinutes':
      return 'A whole number of minutes from 5 to 10,080 (a week)';
    case 'weakLabelWeight':
      return 'A number between 0 and 1, both excluded';
    case 'weakLabelMinConfidence':
      return 'A percentage from 0 to 100';
    default:
      return message;
  }
}

/** The whole settings the draft describes, or an error per field. */
export function toSettings(d: AlSettingsDraft): { ok: true; value: ActiveLearningSettings } | { ok: false; errors: DraftErrors } {
  const parsed = activeLearningSettingsSchema.safeParse({
    strategy: d.strategy,
    batchSize: parseNumber(d.batchSize),
    topM: d.topM.trim() === '' ? null : parseNumber(d.topM),
    modelKind: d.modelKind,
    warmUpLabels: parseNumber(d.warmUpLabels),
    retrain: {
      afterNewLabels: d.retrainAfterLabels ? parseNumber(d.afterNewLabels) : null,
      onLfChange: d.retrainOnLfChange,
      everyMinutes: d.retrainOnSchedule ? parseNumber(d.everyMinutes) : null,
    },
    weakLabelWeight: d.useWeakLabels ? parseNumber(d.weakLabelWeight) : null,
    weakLabelMinConfidence: parsePercent(d.weakLabelMinConfidencePercent),
  });
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: DraftErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.');
    errors[path] ??= friendlyMessage(path, issue.message);
  }
  return { ok: false, errors };
}

/** The PATCH body: the settings whose value differs from the stored ones. */
export function toSettingsUpdate(
  d: AlSettingsDraft,
  saved: ActiveLearningSettings,
): { ok: true; value: UpdateActiveLearningSettings } | { ok: false; errors: DraftErrors } {
  const r = toSettings(d);
  if (!r.ok) return r;
  const keys = Object.keys(r.value) as (keyof ActiveLearningSettings)[];
  const changed = keys.filter((k) => JSON.stringify(r.value[k]) !== JSON.stringify(saved[k]));
  return { ok: true, value: Object.fromEntries(changed.map((k) => [k, r.value[k]])) as UpdateActiveLearningSettings };
}
