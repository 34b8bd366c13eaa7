// The split settings panel's draft: ratios as percentages typed, the group key and seed as text, turned into the PUT
// body holding only what changed (the seed and group key are fixed once items have splits, so an untouched one is
// never sent). Percentages must add up to 100; the server's contract judges the rest.
import { SPLITS, type PutSplitSettingsRequest, type Split, type SplitSettings } from '@arbiter/contracts';

export interface SplitSettingsDraft {
  percent: Record<Split, string>;
  groupKey: string;
  seed: string;
}

const asPercent = (ratio: number) => String(Math.round(ratio * 10_000) / 100);

export function splitSettingsDraft(s: SplitSettings): SplitSettingsDraft {
  return {
    percent: { train: asPercent(s.ratios.train), valid: asPercent(s.ratios.valid), test: asPercent(s.ratios.test) },
    groupKey: s.groupKey ?? '',
    seed: String(s.seed),
  };
}

export type SplitDraftResult = { ok: true; value: PutSplitSettingsRequest } | { ok: false; errors: Record<string, string> };

export function toPutSplitSettingsRequest(d: SplitSettingsDraft, current: SplitSettings): SplitDraftResult {
  const errors: Record<string, string> = {};
  const pct = Object.fromEntries(SPLITS.map((s) => [s, Number(d.percent[s].trim())])) as Record<Split, number>;
  if (SPLITS.some((s) => d.percent[s].trim() === '' || !Number.isFinite(pct[s]) || pct[s] < 0 || pct[s] > 100)) {
    errors['ratios'] = 'Enter each split as a percentage between 0 and 100.';
  } else if (Math.abs(pct.train + pct.valid + pct.test - 100) > 1e-6) {
    errors['ratios'] = `The splits add up to ${pct.train + pct.valid + pct.test}%, not 100%.`;
  }
  const seedText = d.seed.trim();
  const seed = Number(seedText);
  if (seedText === '' || !Number.isInteger(seed) || seed < 0 || seed > 0x7fffffff) errors['seed'] = 'Enter a whole number from 0 to 2147483647.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const value: PutSplitSettingsRequest = {};
  // Sent as fractions whose sum is 1 within the contract's tolerance: test takes what train and valid leave.
  const train = pct.train / 100;
  const valid = pct.valid / 100;
  const ratios = { train, valid, test: 1 - train - valid };
  if (SPLITS.some((s) => Math.abs(ratios[s] - current.ratios[s]) > 1e-9)) value.ratios = ratios;
  const groupKey = d.groupKey.trim() === '' ? null : d.groupKey.trim();
  if (groupKey !== current.groupKey) value.groupKey = groupKey;
  if (seed !== current.seed) value.seed = seed;
  return { ok: true, value };
}
